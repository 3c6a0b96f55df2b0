/**
 * A tool call the MCP client cancels (the hub does on its own timeout) aborts the HTTP request to
 * Odoo at once instead of holding it until ODOO_TIMEOUT_MS. Wired in memory to watch the requests.
 */
import { Client, InMemoryTransport, SdkError } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readOdooConfig } from "../../../src/odoo/config.js";
import { openOdooConnection } from "../../../src/odoo/connect.js";
import { type FetchFunction, HttpClient } from "../../../src/odoo/http.js";
import { OdooClient } from "../../../src/odoo/odoo-client.js";
import { createOdooServer } from "../../../src/servers/odoo/server.js";
import { type FakeOdoo, startFakeOdoo } from "../../../src/testing/fake-odoo/index.js";
import { envFor } from "./stdio-harness.js";

describe("cancelling a tool call", () => {
  let odoo: FakeOdoo;
  let client: Client;
  const signals: AbortSignal[] = [];

  beforeAll(async () => {
    odoo = await startFakeOdoo({ version: 19 });
    const config = readOdooConfig(envFor(odoo, { ODOO_TIMEOUT_MS: "20000" }));
    const recordingFetch: FetchFunction = (input, init) => {
      if (init?.signal) signals.push(init.signal);
      return fetch(input, init);
    };
    const http = new HttpClient({ fetch: recordingFetch, timeoutMs: config.timeoutMs });
    const odooClient = new OdooClient({
      connect: () => openOdooConnection(config, http),
      models: config.models,
    });
    const server = createOdooServer({
      client: odooClient,
      writeEnabled: false,
      secrets: [config.apiKey ?? ""],
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    client = new Client({ name: "cancel-test", version: "1.0.0" });
    await client.connect(clientSide);
  });
  afterAll(async () => {
    await client?.close();
    await odoo?.close();
  });

  it("aborts the pending Odoo request, and the next call works", async () => {
    await client.callTool({ name: "obtener_cliente", arguments: { nombre: "Acme" } });
    odoo.hang(true);
    const before = signals.length;
    const controller = new AbortController();
    const call = client.callTool(
      { name: "obtener_cliente", arguments: { nombre: "Acme" } },
      {
        signal: controller.signal,
      },
    );
    // Both requests the call makes at once (the records and their count) reach the hanging Odoo.
    await vi.waitFor(() => expect(signals.length).toBe(before + 2));
    const pending = signals.slice(before);
    expect(pending.every((signal) => !signal.aborted)).toBe(true);
    controller.abort();
    // SDK v2: a cancelled call rejects locally, with the SDK's own error.
    await expect(call).rejects.toThrow(SdkError);
    await expect(call).rejects.toThrow(/AbortError/);
    await vi.waitFor(() => expect(pending.every((signal) => signal.aborted)).toBe(true));

    odoo.hang(false);
    const next = await client.callTool({ name: "obtener_cliente", arguments: { nombre: "Acme" } });
    expect(next.isError).toBeFalsy();
  });
});
