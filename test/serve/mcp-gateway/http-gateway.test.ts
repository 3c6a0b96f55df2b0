import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { McpHub } from "../../../src/mcp/hub.js";
import { fixtureConfig } from "../../support/fixture-servers.js";
import { companyServerConfig, connectClient, type MountedGateway, mountGateway, textOf } from "./support.js";

let hub: McpHub;
let mounted: MountedGateway;

beforeAll(async () => {
  hub = await McpHub.start([companyServerConfig(), fixtureConfig("uno")]);
  expect(hub.statuses().map((status) => status.state)).toEqual(["up", "up"]);
  mounted = await mountGateway(hub, { secrets: ["s3cr3t-value"] });
});

afterAll(async () => {
  await mounted?.close();
  await hub?.close();
});

const READ_ONLY_AND_PLAIN = [
  "consultar_empresa",
  "recuperar_contexto",
  "echo",
  "add",
  "fail",
  "sleep",
  "hang",
  "crash",
  "pid",
  "env",
  "grow",
];

describe("a client without elicitation", () => {
  it("lists every hub tool except the ones that need confirmation, plus preguntar_agente", async () => {
    const { client, close } = await connectClient(mounted.url);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual([...READ_ONLY_AND_PLAIN, "preguntar_agente"]);
      const company = tools.find((tool) => tool.name === "consultar_empresa");
      expect(company?.description).toBe(
        "Consulta los datos de una empresa por su nombre. Devuelve el número de empleados.",
      );
      expect(company?.annotations).toEqual({ readOnlyHint: true });
      expect(company?.inputSchema).toMatchObject({
        type: "object",
        properties: { nombre: { type: "string", minLength: 1 } },
        required: ["nombre"],
      });
      const add = tools.find((tool) => tool.name === "add");
      expect(add?.outputSchema).toMatchObject({ type: "object", properties: { sum: { type: "number" } } });
    } finally {
      await close();
    }
  });

  it("calls a tool on the server that offers it, with the server's exact result", async () => {
    const { client, close } = await connectClient(mounted.url);
    try {
      const company = await client.callTool({
        name: "consultar_empresa",
        arguments: { nombre: "Empresa X" },
      });
      expect(company).toEqual({ content: [{ type: "text", text: '{"empleados":100}' }] });
      const sum = await client.callTool({ name: "add", arguments: { a: 2, b: 3 } });
      expect(sum).toEqual({ content: [{ type: "text", text: "5" }], structuredContent: { sum: 5 } });
      const failed = await client.callTool({ name: "fail", arguments: { why: "probando" } });
      expect(failed).toEqual({ isError: true, content: [{ type: "text", text: "failed: probando" }] });
    } finally {
      await close();
    }
  });

  it("refuses a destructive tool it cannot confirm, without running it", async () => {
    const { client, close } = await connectClient(mounted.url);
    try {
      const result = await client.callTool({ name: "borrar_empresa", arguments: { nombre: "Empresa X" } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        "borrar_empresa was not run: it needs the user's confirmation and this MCP client cannot ask for it (no elicitation). To allow it anyway, set mcpGateway.allowUnconfirmed in agente.json.",
      );
      const still = await client.callTool({ name: "consultar_empresa", arguments: { nombre: "Empresa X" } });
      expect(textOf(still)).toBe('{"empleados":100}');
    } finally {
      await close();
    }
  });

  it("hides the host's secret values in results", async () => {
    const { client, close } = await connectClient(mounted.url);
    try {
      const result = await client.callTool({ name: "echo", arguments: { text: "la clave es s3cr3t-value" } });
      expect(textOf(result)).toBe("uno: la clave es [redacted]");
      await expect(client.readResource({ uri: "fixture://s3cr3t-value" })).rejects.toThrow(
        "no connected server offers the resource fixture://[redacted]",
      );
    } finally {
      await close();
    }
  });

  it("answers an unknown tool with a protocol error naming close matches", async () => {
    const { client, close } = await connectClient(mounted.url);
    try {
      await expect(client.callTool({ name: "consultar_empresas", arguments: {} })).rejects.toThrow(
        /no connected server offers a tool named "consultar_empresas"; did you mean "consultar_empresa"/,
      );
    } finally {
      await close();
    }
  });
});

describe("a client with elicitation", () => {
  it("sees the destructive tools, and an accepted confirmation runs the call", async () => {
    const { client, elicitations, close } = await connectClient(mounted.url, "accept");
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain("borrar_empresa");
      expect(tools.find((tool) => tool.name === "borrar_empresa")?.annotations).toEqual({
        destructiveHint: true,
        readOnlyHint: false,
      });
      const result = await client.callTool({ name: "borrar_empresa", arguments: { nombre: "Empresa Y" } });
      expect(result).toEqual({ content: [{ type: "text", text: "borrada Empresa Y" }] });
      expect(elicitations).toEqual([
        {
          message:
            'agente wants to run borrar_empresa (server empresas) with {"nombre":"Empresa Y"}. Allow it?',
        },
      ]);
      const gone = await client.callTool({ name: "consultar_empresa", arguments: { nombre: "Empresa Y" } });
      expect(gone).toEqual({
        isError: true,
        content: [{ type: "text", text: "No encontré la empresa Empresa Y" }],
      });
      // Read-only tools are never asked about.
      expect(elicitations).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it("a declined or cancelled confirmation leaves the tool unrun, as an error result", async () => {
    const { client, elicitations, close } = await connectClient(mounted.url, "decline");
    const cancelling = await connectClient(mounted.url, "cancel");
    try {
      const declined = await client.callTool({ name: "borrar_empresa", arguments: { nombre: "Empresa X" } });
      expect(declined).toEqual({
        isError: true,
        content: [{ type: "text", text: "borrar_empresa was not run: the user declined it." }],
      });
      const cancelled = await cancelling.client.callTool({ name: "delete_everything", arguments: {} });
      expect(textOf(cancelled)).toBe("delete_everything was not run: the user cancelled the confirmation.");
      expect(elicitations).toHaveLength(1);
      const still = await client.callTool({ name: "consultar_empresa", arguments: { nombre: "Empresa X" } });
      expect(textOf(still)).toBe('{"empleados":100}');
    } finally {
      await cancelling.close();
      await close();
    }
  });
});

describe("mcpGateway.allowUnconfirmed", () => {
  it("lists and runs only the named servers' destructive tools for a client without elicitation", async () => {
    const lenient = await mountGateway(hub, { settings: { allowUnconfirmed: ["uno"] } });
    const { client, close } = await connectClient(lenient.url);
    try {
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain("delete_everything");
      expect(names).not.toContain("borrar_empresa");
      const result = await client.callTool({ name: "delete_everything", arguments: {} });
      expect(result).toEqual({ content: [{ type: "text", text: "nothing deleted" }] });
    } finally {
      await close();
      await lenient.close();
    }
  });
});

describe("two servers with the same tool names", () => {
  it("serves them under the routing table's names; a requireApproval server's tools are all confirmed", async () => {
    const strictHub = await McpHub.start([
      fixtureConfig("dos", { requireApproval: true }),
      fixtureConfig("tres", { allowedTools: ["echo"] }),
    ]);
    const strict = await mountGateway(strictHub);
    const plain = await connectClient(strict.url);
    const asking = await connectClient(strict.url, "accept");
    try {
      expect((await plain.client.listTools()).tools.map((tool) => tool.name)).toEqual([
        "tres__echo",
        "preguntar_agente",
      ]);
      const fromTres = await plain.client.callTool({ name: "tres__echo", arguments: { text: "hola" } });
      expect(textOf(fromTres)).toBe("tres: hola");
      const echoed = await asking.client.callTool({ name: "dos__echo", arguments: { text: "hola" } });
      expect(textOf(echoed)).toBe("dos: hola");
      expect(asking.elicitations.map((entry) => entry.message)).toEqual([
        'agente wants to run dos__echo (server dos) with {"text":"hola"}. Allow it?',
      ]);
    } finally {
      await asking.close();
      await plain.close();
      await strict.close();
      await strictHub.close();
    }
  });
});

describe("resources and prompts", () => {
  it("serves the hub's resources and prompts", async () => {
    const { client, close } = await connectClient(mounted.url);
    try {
      const { resources } = await client.listResources();
      expect(resources).toEqual([
        { uri: "fixture://uno/readme", name: "readme", mimeType: "text/plain", description: "A resource." },
      ]);
      const read = await client.readResource({ uri: "fixture://uno/readme" });
      expect(read.contents).toEqual([{ uri: "fixture://uno/readme", text: "readme of uno" }]);
      await expect(client.readResource({ uri: "fixture://nadie" })).rejects.toThrow(
        "no connected server offers the resource fixture://nadie",
      );
      const { prompts } = await client.listPrompts();
      expect(prompts.map((prompt) => prompt.name)).toEqual(["greet"]);
      const prompt = await client.getPrompt({ name: "greet", arguments: { who: "Ana" } });
      expect(prompt.messages).toEqual([
        { role: "user", content: { type: "text", text: "hola Ana from uno" } },
      ]);
    } finally {
      await close();
    }
  });
});

describe("sessions", () => {
  it("rejects requests without a session, or with an unknown or ended one", async () => {
    const missing = await fetch(mounted.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { message: /send an initialize request first/ } });

    const unknown = await fetch(mounted.url, { headers: { "mcp-session-id": "nope" } });
    expect(unknown.status).toBe(404);

    const { client, close } = await connectClient(mounted.url);
    const transport = client.transport as { sessionId?: string } | undefined;
    const id = transport?.sessionId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await close();
    const ended = await fetch(mounted.url, { method: "DELETE", headers: { "mcp-session-id": id ?? "" } });
    expect(ended.status).toBe(404);
  });

  it("tells every session when the hub's tool table changes", async () => {
    const watcher = await connectClient(mounted.url);
    const caller = await connectClient(mounted.url);
    try {
      let changed = 0;
      watcher.client.setNotificationHandler("notifications/tools/list_changed", async () => {
        changed += 1;
      });
      // The notification travels on the session's standalone GET stream, opened after initialize.
      await vi.waitFor(async () => {
        expect(textOf(await caller.client.callTool({ name: "grow", arguments: {} }))).toMatch(/^extra_\d+$/);
        expect(changed).toBeGreaterThan(0);
      });
      const names = (await watcher.client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain("extra_1");
    } finally {
      await caller.close();
      await watcher.close();
    }
  });
});

describe("session limits", () => {
  it("refuses an initialize beyond mcpGateway.maxSessions with 503", async () => {
    const small = await mountGateway(hub, { settings: { maxSessions: 1 } });
    const first = await connectClient(small.url);
    try {
      await expect(connectClient(small.url)).rejects.toThrow(
        "too many open MCP sessions (1): close one or raise mcpGateway.maxSessions",
      );
    } finally {
      await first.close();
      await small.close();
    }
  });

  it("closes a session left idle", async () => {
    const forgetful = await mountGateway(hub, { settings: { sessionIdleMs: 100 } });
    const { client } = await connectClient(forgetful.url);
    const id = (client.transport as { sessionId?: string } | undefined)?.sessionId ?? "";
    try {
      await vi.waitFor(
        async () => {
          const response = await fetch(forgetful.url, {
            method: "DELETE",
            headers: { "mcp-session-id": id },
          });
          expect(response.status).toBe(404);
        },
        { timeout: 5_000, interval: 100 },
      );
    } finally {
      await client.close();
      await forgetful.close();
    }
  });
});
