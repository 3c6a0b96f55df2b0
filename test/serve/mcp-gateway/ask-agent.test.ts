/**
 * `preguntar_agente` through the gateway: one whole agent turn (the real loop and the real Ollama provider,
 * talking to a scripted model on Ollama's wire) over the shared hub, with approval through the client.
 */
import type { Progress } from "@modelcontextprotocol/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { AgentEvent } from "../../../src/agent/agent-events.js";
import { McpHub } from "../../../src/mcp/hub.js";
import {
  answer,
  type ScriptedOllama,
  startScriptedOllama,
  toolCall,
} from "../../../src/testing/scripted-ollama.js";
import { companyServerConfig, connectClient, type MountedGateway, mountGateway, textOf } from "./support.js";

let hub: McpHub;
let ollama: ScriptedOllama | undefined;
let mounted: MountedGateway | undefined;

beforeAll(async () => {
  hub = await McpHub.start([companyServerConfig()]);
});
afterEach(async () => {
  await mounted?.close();
  await ollama?.close();
  mounted = undefined;
  ollama = undefined;
});
afterAll(async () => {
  await hub?.close();
});

async function gatewayWithModel(replies: string[]): Promise<MountedGateway> {
  ollama = await startScriptedOllama(replies);
  mounted = await mountGateway(hub, { modelUrl: ollama.url });
  return mounted;
}

describe("preguntar_agente", () => {
  it("runs one agent turn that answers through a tool, with its steps and sources", async () => {
    const { url } = await gatewayWithModel([
      toolCall("consultar_empresa", { nombre: "Empresa X" }),
      answer("Empresa X tiene 100 empleados."),
    ]);
    const { client, close } = await connectClient(url);
    try {
      const progress: Progress[] = [];
      const result = await client.callTool(
        { name: "preguntar_agente", arguments: { pregunta: "¿Cuántos empleados tiene Empresa X?" } },
        { onprogress: (update) => progress.push(update) },
      );
      expect(result).toEqual({
        content: [{ type: "text", text: "Empresa X tiene 100 empleados." }],
        structuredContent: {
          answer: "Empresa X tiene 100 empleados.",
          stopReason: "answer",
          steps: [
            {
              step: 1,
              tool: "consultar_empresa",
              arguments: { nombre: "Empresa X" },
              observation: '{"empleados":100}',
              isError: false,
              repeated: false,
            },
            { step: 2 },
          ],
          sources: ["clientes.md"],
        },
      });
      expect(progress).toEqual([{ progress: 1, message: "paso 1: consultar_empresa" }]);
      // The model read the question, the injected memory, and then the tool's result.
      expect(ollama?.systemPrompt(0)).toContain("Empresa X: cliente desde 2019.");
      expect(ollama?.lastMessage(1)).toContain('{"empleados":100}');
      expect(ollama?.remaining()).toBe(0);
    } finally {
      await close();
    }
  });

  it("keeps a conversation's history between calls that name it", async () => {
    const { url } = await gatewayWithModel([answer("Hola, Ana."), answer("Te llamas Ana.")]);
    const { client, close } = await connectClient(url);
    try {
      await client.callTool({
        name: "preguntar_agente",
        arguments: { pregunta: "Me llamo Ana.", conversacion: "c1" },
      });
      const second = await client.callTool({
        name: "preguntar_agente",
        arguments: { pregunta: "¿Cómo me llamo?", conversacion: "c1" },
      });
      expect(textOf(second)).toBe("Te llamas Ana.");
      const contents = ollama?.chats()[1]?.messages.map((message) => message.content) ?? [];
      expect(contents).toContain("Me llamo Ana.");
      expect(contents.at(-1)).toContain("¿Cómo me llamo?");
    } finally {
      await close();
    }
  });

  it("asks the client before a destructive tool; a decline goes back to the model", async () => {
    const { url } = await gatewayWithModel([
      toolCall("borrar_empresa", { nombre: "Empresa X" }),
      answer("No borré Empresa X."),
    ]);
    const { client, elicitations, close } = await connectClient(url, "decline");
    try {
      const result = await client.callTool({
        name: "preguntar_agente",
        arguments: { pregunta: "Borra Empresa X" },
      });
      expect(textOf(result)).toBe("No borré Empresa X.");
      expect(elicitations.map((entry) => entry.message)).toEqual([
        'agente wants to run borrar_empresa (server empresas) with {"nombre":"Empresa X"}. Allow it?',
      ]);
      expect(result.structuredContent).toMatchObject({
        steps: [
          {
            tool: "borrar_empresa",
            isError: true,
            observation:
              "No se ejecutó borrar_empresa: el usuario no lo aprobó. Responde al usuario sin esa herramienta.",
          },
          { step: 2 },
        ],
      });
      const still = await client.callTool({ name: "consultar_empresa", arguments: { nombre: "Empresa X" } });
      expect(textOf(still)).toBe('{"empleados":100}');
    } finally {
      await close();
    }
  });

  it("runs a destructive tool the client's user accepted", async () => {
    const { url } = await gatewayWithModel([
      toolCall("borrar_empresa", { nombre: "Empresa Y" }),
      answer("Borré Empresa Y."),
    ]);
    const { client, elicitations, close } = await connectClient(url, "accept");
    try {
      const result = await client.callTool({
        name: "preguntar_agente",
        arguments: { pregunta: "Borra Empresa Y" },
      });
      expect(result.structuredContent).toMatchObject({
        answer: "Borré Empresa Y.",
        steps: [{ tool: "borrar_empresa", isError: false, observation: "borrada Empresa Y" }, { step: 2 }],
      });
      expect(elicitations).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it("refuses, without asking, a destructive tool for a client that cannot confirm", async () => {
    const { url } = await gatewayWithModel([
      toolCall("borrar_empresa", { nombre: "Empresa X" }),
      answer("No puedo borrarla desde aquí."),
    ]);
    const { client, close } = await connectClient(url);
    try {
      const result = await client.callTool({
        name: "preguntar_agente",
        arguments: { pregunta: "Borra Empresa X" },
      });
      expect(result.structuredContent).toMatchObject({
        answer: "No puedo borrarla desde aquí.",
        steps: [
          {
            tool: "borrar_empresa",
            isError: true,
            observation:
              "No se ejecutó borrar_empresa: necesita la confirmación del usuario y el cliente MCP no puede pedirla. Responde al usuario sin esa herramienta.",
          },
          { step: 2 },
        ],
      });
    } finally {
      await close();
    }
  });

  it("cancelling the request cancels the turn", async () => {
    const events: AgentEvent[] = [];
    const slow = await startScriptedOllama([{ text: answer("tarde"), delayMs: 4_000 }]);
    try {
      mounted = await mountGateway(hub, { modelUrl: slow.url, onEvent: (event) => events.push(event) });
      const { client, close } = await connectClient(mounted.url);
      try {
        const controller = new AbortController();
        const call = client.callTool(
          { name: "preguntar_agente", arguments: { pregunta: "hola" } },
          { signal: controller.signal },
        );
        await vi.waitFor(() => expect(slow.requests.map((request) => request.path)).toContain("/api/chat"), {
          timeout: 10_000,
        });
        controller.abort("el usuario se cansó");
        await expect(call).rejects.toThrow("el usuario se cansó");
        await vi.waitFor(() =>
          expect(events.at(-1)).toMatchObject({ type: "turn_end", stopReason: "cancelled" }),
        );
      } finally {
        await close();
      }
    } finally {
      await mounted?.close();
      mounted = undefined;
      await slow.close();
    }
  });

  it("reports a model that cannot answer, and bad arguments, as error results", async () => {
    const { url } = await gatewayWithModel([]);
    const { client, close } = await connectClient(url);
    try {
      const failed = await client.callTool({ name: "preguntar_agente", arguments: { pregunta: "hola" } });
      expect(failed.isError).toBe(true);
      expect(textOf(failed)).toMatch(/^the agent could not answer: .*no reply scripted for call 1/);
      const invalid = await client.callTool({ name: "preguntar_agente", arguments: { pregunta: "   " } });
      expect(invalid.isError).toBe(true);
      expect(textOf(invalid)).toMatch(/^parámetros inválidos para preguntar_agente: pregunta: /);
    } finally {
      await close();
    }
  });
});
