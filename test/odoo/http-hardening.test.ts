/** Issue 13, defect 6: ODOO_URL with credentials (`http://user:pass@host`) becomes HTTP basic auth. */
import { describe, expect, it } from "vitest";
import { HttpClient } from "../../src/odoo/http.js";

describe("Odoo URL with credentials", () => {
  it("sends them as basic auth, never in the URL", async () => {
    const seen: Array<{ url: string; authorization: string | null }> = [];
    const client = new HttpClient({
      timeoutMs: 5_000,
      fetch: async (url, init) => {
        seen.push({ url, authorization: new Headers(init?.headers).get("authorization") });
        return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    await client.send({ url: "http://proxy:pr%40xy-pass@odoo.local:8069/jsonrpc", body: "{}" });
    expect(seen).toEqual([
      {
        url: "http://odoo.local:8069/jsonrpc",
        authorization: `Basic ${Buffer.from("proxy:pr@xy-pass").toString("base64")}`,
      },
    ]);
  });
});

// Issue 13, defect 7: the Odoo server read any HTTP body whole (a 300 MB answer took it to 1 GB of RSS).
describe("Odoo answer size", () => {
  function streamOf(chunks: number, chunkBytes: number): ReadableStream<Uint8Array> {
    let sent = 0;
    return new ReadableStream({
      pull(controller) {
        if (sent === chunks) return controller.close();
        sent++;
        controller.enqueue(new Uint8Array(chunkBytes).fill(0x61));
      },
    });
  }

  it("stops reading a body that streams past the limit, with a clear error", async () => {
    let pulled = 0;
    const body = streamOf(1000, 64 * 1024).pipeThrough(
      new TransformStream({
        transform(chunk, controller) {
          pulled++;
          controller.enqueue(chunk);
        },
      }),
    );
    const client = new HttpClient({
      timeoutMs: 5_000,
      maxResponseBytes: 1024 * 1024,
      fetch: async () => new Response(body, { status: 200 }),
    });
    await expect(client.send({ url: "http://odoo.local/jsonrpc", body: "{}" })).rejects.toThrow(
      /Odoo answered with more than 1\.0 MiB \(ODOO_MAX_RESPONSE_BYTES\)/,
    );
    expect(pulled).toBeLessThan(40);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const client = new HttpClient({
      timeoutMs: 5_000,
      maxResponseBytes: 1024,
      fetch: async () =>
        new Response(streamOf(1, 10), { status: 200, headers: { "content-length": "300000000" } }),
    });
    await expect(client.send({ url: "http://odoo.local/jsonrpc", body: "{}" })).rejects.toThrow(
      /more than 0\.0 MiB/,
    );
  });

  it("reads an ordinary answer whole", async () => {
    const client = new HttpClient({
      timeoutMs: 5_000,
      fetch: async () => new Response('{"result": 1}', { status: 200 }),
    });
    expect((await client.send({ url: "http://odoo.local/jsonrpc", body: "{}" })).body).toBe('{"result": 1}');
  });
});
