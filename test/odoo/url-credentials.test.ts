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
