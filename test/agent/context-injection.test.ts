import { afterEach, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/agent-events.js";
import { type AgentSettings, DEFAULT_AGENT_SETTINGS } from "../../src/agent/agent-settings.js";
import { approveAll } from "../../src/agent/approval.js";
import { runTurn } from "../../src/agent/run-turn.js";
import { answer, ScriptedModel, toolCall } from "../../src/testing/scripted-model.js";
import { connectInMemoryHub, type InMemoryHub } from "../support/in-memory-hub.js";
import { createCompanyServer } from "./company-server.js";

const passages = [
  {
    text: "La Empresa X fue fundada en 1990 en Lima.",
    source: "empresas.md",
    position: 2,
    score: 0.91,
    documentId: "d1",
    collection: "default",
  },
  {
    text: "La Empresa Y vende software.",
    source: "catalogo.pdf",
    position: 7,
    score: 0.55,
    documentId: "d2",
    collection: "default",
  },
];

/** The in-memory hub's server ("test") stands for agente's own memory server, trusted for context. */
const SETTINGS: AgentSettings = {
  ...DEFAULT_AGENT_SETTINGS,
  context: { ...DEFAULT_AGENT_SETTINGS.context, trustedServers: ["test"] },
};

let hub: InMemoryHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe("context injection", () => {
  it("retrieves passages before the first model call and puts them in the system prompt with source tags", async () => {
    hub = await connectInMemoryHub(createCompanyServer({ passages }));
    const model = new ScriptedModel([answer("Fue fundada en 1990.")]);
    const events: AgentEvent[] = [];
    const result = await runTurn({
      model,
      hub,
      userMessage: "¿cuándo se fundó la Empresa X?",
      history: [],
      settings: SETTINGS,
      approver: approveAll,
      onEvent: (event) => events.push(event),
    });
    expect(hub.calls[0]).toEqual({
      name: "recuperar_contexto",
      args: { pregunta: "¿cuándo se fundó la Empresa X?", k: 3 },
    });
    const system = model.requests[0]?.messages[0]?.content ?? "";
    expect(system).toContain("[1] (fuente: empresas.md #2) La Empresa X fue fundada en 1990 en Lima.");
    expect(system).toContain("[2] (fuente: catalogo.pdf #7)");
    expect(result.context).toHaveLength(2);
    expect(events.find((event) => event.type === "context")).toMatchObject({
      passages: [{ source: "empresas.md" }, { source: "catalogo.pdf" }],
    });
  });

  it("treats the model asking for the same retrieval again as a repeated call", async () => {
    hub = await connectInMemoryHub(createCompanyServer({ passages }));
    const model = new ScriptedModel([
      toolCall("recuperar_contexto", { k: 3, pregunta: "hola" }),
      answer("ok"),
    ]);
    const result = await runTurn({
      model,
      hub,
      userMessage: "hola",
      history: [],
      settings: SETTINGS,
      approver: approveAll,
    });
    expect(hub.calls).toHaveLength(1);
    expect(result.steps[0]?.repeated).toBe(true);
  });

  it("keeps only what fits the token budget", async () => {
    const long = [
      { ...passages[0], text: "palabra ".repeat(2000) } as (typeof passages)[number],
      passages[1] as (typeof passages)[number],
    ];
    hub = await connectInMemoryHub(createCompanyServer({ passages: long }));
    const model = new ScriptedModel([answer("ok")]);
    const result = await runTurn({
      model,
      hub,
      userMessage: "hola",
      history: [],
      settings: { ...DEFAULT_AGENT_SETTINGS, context: { ...SETTINGS.context, budgetTokens: 100 } },
      approver: approveAll,
    });
    expect(result.context).toHaveLength(1);
    // 100 tokens at the calibrated 3.5 characters per token: 349 characters and the cut mark.
    expect(result.context[0]?.text.length).toBe(350);
  });

  it("does not call recuperar_contexto when context is disabled", async () => {
    hub = await connectInMemoryHub(createCompanyServer({ passages }));
    const model = new ScriptedModel([answer("ok")]);
    await runTurn({
      model,
      hub,
      userMessage: "hola",
      history: [],
      settings: { ...SETTINGS, context: { ...SETTINGS.context, enabled: false } },
      approver: approveAll,
    });
    expect(hub.calls).toEqual([]);
    expect(model.requests[0]?.messages[0]?.content).not.toContain("Contexto recuperado");
  });

  it("goes on without context, saying why, when the reply breaks the memory contract", async () => {
    const broken = [{ text: "sin fuente" }] as unknown as typeof passages;
    hub = await connectInMemoryHub(createCompanyServer({ passages: broken }));
    const events: AgentEvent[] = [];
    const result = await runTurn({
      model: new ScriptedModel([answer("ok")]),
      hub,
      userMessage: "hola",
      history: [],
      settings: SETTINGS,
      approver: approveAll,
      onEvent: (event) => events.push(event),
    });
    expect(result.context).toEqual([]);
    expect(events.find((event) => event.type === "context")).toMatchObject({
      passages: [],
      error: "recuperar_contexto returned no structured passages",
    });
  });

  // Issue 13, defect 4: automatic context skipped approval.
  it("never calls recuperar_contexto on a requireApproval server, even a trusted one", async () => {
    hub = await connectInMemoryHub(createCompanyServer({ passages }), { requireApproval: true });
    const model = new ScriptedModel([answer("ok")]);
    await runTurn({ model, hub, userMessage: "hola", history: [], settings: SETTINGS, approver: approveAll });
    expect(hub.calls).toEqual([]);
  });

  it("never calls a recuperar_contexto of a server that is not agente's memory", async () => {
    hub = await connectInMemoryHub(createCompanyServer({ passages }), { serverName: "ajeno" });
    const model = new ScriptedModel([answer("ok")]);
    await runTurn({ model, hub, userMessage: "hola", history: [], settings: SETTINGS, approver: approveAll });
    expect(hub.calls).toEqual([]);
  });

  it("uses a read-only tool the config names, on any server", async () => {
    hub = await connectInMemoryHub(createCompanyServer({ passages }), { serverName: "ajeno" });
    const model = new ScriptedModel([answer("ok")]);
    const result = await runTurn({
      model,
      hub,
      userMessage: "hola",
      history: [],
      settings: { ...DEFAULT_AGENT_SETTINGS, context: { ...SETTINGS.context, tool: "recuperar_contexto" } },
      approver: approveAll,
    });
    expect(hub.calls.map((call) => call.name)).toEqual(["recuperar_contexto"]);
    expect(result.context).toHaveLength(2);
  });

  it("does not use a named tool that is destructive or not read-only", async () => {
    hub = await connectInMemoryHub(createCompanyServer({ passages }));
    const model = new ScriptedModel([answer("ok")]);
    await runTurn({
      model,
      hub,
      userMessage: "hola",
      history: [],
      settings: { ...SETTINGS, context: { ...SETTINGS.context, tool: "borrar_empresa" } },
      approver: approveAll,
    });
    expect(hub.calls).toEqual([]);
  });
});
