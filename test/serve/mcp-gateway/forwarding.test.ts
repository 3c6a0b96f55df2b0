/**
 * What the gateway passes through beyond tools, against the conformance server (test/conformance/server,
 * a real child on Streamable HTTP that the hub speaks 2026-07-28 with): the server's questions reach the
 * gateway's client in both eras (or are answered by the gateway when the client cannot), and the call's
 * progress and log messages, completions, resource templates and subscriptions pass through.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type ClientCapabilities, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseServerEntry } from "../../../src/config/server-config.js";
import { McpHub } from "../../../src/mcp/hub.js";
import { type ScriptedOllama, startScriptedOllama } from "../../../src/testing/scripted-ollama.js";
import { type Running, startConformanceServer } from "../../conformance/processes.js";
import { type MountedGateway, mountGateway, textOf } from "./support.js";

let folder: string;
let server: Running;
let hub: McpHub;
let gateway: MountedGateway;
let sampling: MountedGateway;
let model: ScriptedOllama;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "agente-gateway-forwarding-"));
  server = await startConformanceServer(join(folder, "server.log"));
  const entry = parseServerEntry("conformance", { url: server.url });
  if (!entry.ok) throw new Error(`bad entry: ${entry.field} ${entry.problem}`);
  hub = await McpHub.start([entry.config]);
  expect(hub.statuses()[0]?.protocolVersion).toBe("2026-07-28");
  model = await startScriptedOllama("Paris");
  gateway = await mountGateway(hub);
  sampling = await mountGateway(hub, {
    settings: { allowUnconfirmed: ["conformance"] },
    modelUrl: model.url,
  });
}, 60_000);

afterAll(async () => {
  await sampling?.close();
  await gateway?.close();
  await hub?.close();
  await model?.close();
  await server?.stop();
  await rm(folder, { recursive: true, force: true });
});

type Era = "2025" | "2026";

/** The official client in either era; with capabilities, it answers every form and sampling request. */
async function connect(era: Era, capabilities: ClientCapabilities = {}, url = gateway.url) {
  const client = new Client(
    { name: "forwarding-test", version: "1.0.0" },
    {
      capabilities,
      versionNegotiation: { mode: era === "2026" ? { pin: "2026-07-28" } : "legacy" },
    },
  );
  const asked: string[] = [];
  if (capabilities.elicitation !== undefined)
    client.setRequestHandler("elicitation/create", async (request) => {
      asked.push(request.params.message);
      return { action: "accept", content: { username: "ana", email: "ana@example.com", name: "Ana" } };
    });
  if (capabilities.sampling !== undefined)
    client.setRequestHandler("sampling/createMessage", async () => ({
      role: "assistant",
      content: { type: "text", text: "the client's model" },
      model: "client-model",
    }));
  await client.connect(new StreamableHTTPClientTransport(url));
  return { client, asked };
}

const answering = { elicitation: { form: {} }, sampling: {} };

describe("the server's questions through the gateway", () => {
  for (const era of ["2025", "2026"] as const) {
    it(`${era}: a form and a sampling request reach the client, and its answers the server`, async () => {
      const { client, asked } = await connect(era, answering);
      const form = await client.callTool({
        name: "test_elicitation",
        arguments: { message: "¿Quién eres?" },
      });
      expect(textOf(form)).toBe(
        'User response: action=accept, content={"username":"ana","email":"ana@example.com","name":"Ana"}',
      );
      expect(asked).toEqual(["¿Quién eres?"]);
      const sample = await client.callTool({ name: "test_sampling", arguments: { prompt: "Hola" } });
      expect(textOf(sample)).toBe("LLM response: the client's model");
      await client.close();
    });

    it(`${era}: a client without elicitation gets the server's form declined by the gateway`, async () => {
      const { client } = await connect(era);
      const form = await client.callTool({
        name: "test_elicitation",
        arguments: { message: "¿Quién eres?" },
      });
      expect(textOf(form)).toBe("User response: action=decline, content={}");
      await client.close();
    });
  }

  it("2026: two rounds of questions, the server's requestState going back unchanged", async () => {
    const { client, asked } = await connect("2026", answering);
    const result = await client.callTool({ name: "test_input_required_result_multi_round", arguments: {} });
    expect(textOf(result)).toBe(
      'Completed after two rounds: {"step2":{"action":"accept","content":{"username":"ana","email":"ana@example.com","name":"Ana"}}}',
    );
    expect(asked).toEqual(["Step 1: What is your name?", "Step 2: What is your favorite color?"]);
    await client.close();
  });

  it("a client that cannot sample: agente's model answers where allowUnconfirmed allows it, else the call is refused", async () => {
    const allowed = await connect("2025", {}, sampling.url);
    const result = await allowed.client.callTool({
      name: "test_sampling",
      arguments: { prompt: "¿Capital?" },
    });
    expect(textOf(result)).toBe("LLM response: Paris");
    expect(model.lastMessage(0)).toBe("¿Capital?");
    await allowed.client.close();

    const refused = await connect("2025");
    await expect(
      refused.client.callTool({ name: "test_sampling", arguments: { prompt: "¿Capital?" } }),
    ).rejects.toThrow(/sampling/);
    await refused.client.close();
  });
});

describe("replicas", () => {
  it("2026: the rounds of one call may land on different gateway instances, the gateway's own answers travelling in requestState", async () => {
    const other = await mountGateway(hub, {
      settings: { allowUnconfirmed: ["conformance"] },
      modelUrl: model.url,
    });
    try {
      const ports: string[] = [];
      let turn = 0;
      // A load balancer without affinity: every request to the other instance than the one before.
      const alternate = async (url: string | URL, init?: RequestInit): Promise<Response> => {
        const target = new URL(url);
        target.port = (turn++ % 2 === 0 ? sampling : other).url.port;
        const body = typeof init?.body === "string" ? (JSON.parse(init.body) as { method?: string }) : {};
        if (body.method === "tools/call") ports.push(target.port);
        return fetch(target, init);
      };
      const client = new Client(
        { name: "replicas", version: "1.0.0" },
        {
          capabilities: { elicitation: { form: {} }, roots: {} },
          versionNegotiation: { mode: { pin: "2026-07-28" } },
        },
      );
      client.setRequestHandler("elicitation/create", async () => ({
        action: "accept",
        content: { name: "Ana" },
      }));
      client.setRequestHandler("roots/list", async () => ({ roots: [{ uri: "file:///tmp", name: "tmp" }] }));
      await client.connect(new StreamableHTTPClientTransport(sampling.url, { fetch: alternate }));
      // The server asks a form and the roots (the client answers) and a sampling (agente's model answers).
      const result = await client.callTool({
        name: "test_input_required_result_multiple_inputs",
        arguments: {},
      });
      expect(textOf(result)).toBe("All inputs received: user_name, greeting, client_roots");
      expect(ports).toHaveLength(2);
      expect(new Set(ports).size).toBe(2);
      await client.close();
    } finally {
      await other.close();
    }
  });
});

describe("what else passes through", () => {
  it("relays a call's progress and log messages to the calling client, at its logging level", async () => {
    const { client } = await connect("2025");
    const logs: unknown[] = [];
    client.setNotificationHandler("notifications/message", (notification) => {
      logs.push(notification.params.data);
    });
    await client.setLoggingLevel("info");
    await client.callTool({ name: "test_tool_with_logging", arguments: {} });
    await vi.waitFor(() => expect(logs).toHaveLength(3));
    expect(logs).toEqual(["Tool execution started", "Tool processing data", "Tool execution completed"]);

    const progress: Array<{ progress: number; total?: number }> = [];
    const done = await client.callTool(
      { name: "test_tool_with_progress", arguments: {} },
      { onprogress: ({ progress: value, total }) => progress.push({ progress: value, total }) },
    );
    expect(textOf(done)).toBe("Progress test completed");
    expect(progress).toEqual([
      { progress: 0, total: 100 },
      { progress: 50, total: 100 },
      { progress: 100, total: 100 },
    ]);

    await client.setLoggingLevel("error");
    await client.callTool({ name: "test_tool_with_logging", arguments: {} });
    expect(logs).toHaveLength(3);
    await client.close();
  });

  it("completions, resource templates and subscriptions go to the server that owns them", async () => {
    const { client } = await connect("2025");
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual(["test://template/{id}/data"]);
    const read = await client.readResource({ uri: "test://template/42/data" });
    expect(read.contents[0]).toMatchObject({
      uri: "test://template/42/data",
      text: JSON.stringify({ id: "42", templateTest: true, data: "Data for ID: 42" }),
    });
    const ids = await client.complete({
      ref: { type: "ref/resource", uri: "test://template/{id}/data" },
      argument: { name: "id", value: "4" },
    });
    expect(ids.completion.values).toEqual(["456"]);
    expect(await client.subscribeResource({ uri: "test://watched-resource" })).toEqual({});
    expect(await client.unsubscribeResource({ uri: "test://watched-resource" })).toEqual({});
    await expect(client.subscribeResource({ uri: "test://nowhere" })).rejects.toThrow(/test:\/\/nowhere/);
    await client.close();
  });
});
