import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_AGENT_SETTINGS } from "../../src/agent/agent-settings.js";
import { approveAll } from "../../src/agent/approval.js";
import { Conversation } from "../../src/agent/conversation.js";
import { runTurn } from "../../src/agent/run-turn.js";
import { answer, ScriptedModel } from "../../src/testing/scripted-model.js";
import { connectInMemoryHub, type InMemoryHub } from "../support/in-memory-hub.js";
import { createCompanyServer } from "./company-server.js";

let hub: InMemoryHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe("native tool mode", () => {
  it("offers tools natively (no schema) and returns observations as tool messages", async () => {
    hub = await connectInMemoryHub(createCompanyServer());
    const model = new ScriptedModel([
      {
        toolCalls: [{ id: "call_1", name: "consultar_empresa", arguments: { nombre: "Empresa X" } }],
        stopReason: "tool_calls",
      },
      "La Empresa X tiene 100 empleados.",
    ]);
    const result = await runTurn({
      model,
      hub,
      userMessage: "consulta empresa X",
      history: [],
      settings: { ...DEFAULT_AGENT_SETTINGS, toolMode: "native" },
      approver: approveAll,
    });
    expect(result).toMatchObject({ stopReason: "answer", answer: "La Empresa X tiene 100 empleados." });
    const first = model.requests[0];
    expect(first?.schema).toBeUndefined();
    expect(first?.tools?.map((tool) => tool.name)).toEqual(["consultar_empresa", "borrar_empresa"]);
    expect(model.requests[1]?.messages.slice(-2)).toEqual([
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "call_1", name: "consultar_empresa", arguments: { nombre: "Empresa X" } }],
      },
      { role: "tool", content: '{"empleados":100}', toolName: "consultar_empresa", toolCallId: "call_1" },
    ]);
  });
});

describe("Conversation", () => {
  it("carries earlier questions and answers into the next turn, and forgets a cancelled one", async () => {
    hub = await connectInMemoryHub(createCompanyServer());
    const model = new ScriptedModel([answer("Hola, Ana."), answer("Te llamas Ana.")]);
    const conversation = new Conversation({
      model,
      hub,
      settings: DEFAULT_AGENT_SETTINGS,
      approver: approveAll,
    });
    await conversation.send("me llamo Ana");
    const cancelled = new AbortController();
    cancelled.abort();
    expect((await conversation.send("esto se cancela", cancelled.signal)).stopReason).toBe("cancelled");
    const second = await conversation.send("¿cómo me llamo?");
    expect(second.answer).toBe("Te llamas Ana.");
    expect(model.requests[1]?.messages.map((message) => message.content)).toEqual([
      expect.stringContaining("Herramientas:"),
      "me llamo Ana",
      '{"respuesta":"Hola, Ana."}',
      "¿cómo me llamo?",
    ]);
  });
});
