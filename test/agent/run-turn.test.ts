import { afterEach, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/agent-events.js";
import { type AgentSettings, DEFAULT_AGENT_SETTINGS } from "../../src/agent/agent-settings.js";
import { approveAll, refuseWithoutTerminal } from "../../src/agent/approval.js";
import { runTurn } from "../../src/agent/run-turn.js";
import { answer, ScriptedModel, toolCall } from "../../src/testing/scripted-model.js";
import { connectInMemoryHub, type InMemoryHub } from "../support/in-memory-hub.js";
import { createCompanyServer } from "./company-server.js";

let hub: InMemoryHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

async function setup(
  replies: ConstructorParameters<typeof ScriptedModel>[0],
  settings: Partial<AgentSettings> = {},
) {
  hub = await connectInMemoryHub(createCompanyServer());
  const model = new ScriptedModel(replies);
  const events: AgentEvent[] = [];
  const run = (userMessage = "consulta empresa X", approver = refuseWithoutTerminal) =>
    runTurn({
      model,
      hub: hub as InMemoryHub,
      userMessage,
      history: [],
      settings: { ...DEFAULT_AGENT_SETTINGS, ...settings },
      approver,
      onEvent: (event) => events.push(event),
    });
  return { model, events, run, hub };
}

describe("runTurn", () => {
  it("calls the tool, feeds the observation back and returns the answer (the seed's session)", async () => {
    const { model, run, hub } = await setup([
      toolCall("consultar_empresa", { nombre: "Empresa X" }),
      answer("La empresa X tiene 100 empleados."),
    ]);
    const result = await run();
    expect(result.stopReason).toBe("answer");
    expect(result.answer).toBe("La empresa X tiene 100 empleados.");
    expect(hub.calls).toEqual([{ name: "consultar_empresa", args: { nombre: "Empresa X" } }]);
    const second = model.requests[1];
    expect(second?.messages.at(-1)?.content).toContain('{"empleados":100}');
    expect(result.steps.map((step) => step.action?.kind)).toEqual(["tool", "answer"]);
  });

  it("decodes every step under a schema whose tool names are an enum of the connected tools", async () => {
    const { model, run } = await setup([answer("hola")]);
    await run("hola");
    const schema = model.requests[0]?.schema as {
      anyOf: Array<{ properties: Record<string, { const?: string }> }>;
    };
    const names = schema.anyOf
      .map((alternative) => alternative.properties.herramienta_llamada?.const)
      .filter(Boolean);
    expect(names.sort()).toEqual(["borrar_empresa", "consultar_empresa"]);
    const system = model.requests[0]?.messages[0];
    expect(system?.role).toBe("system");
    expect(system?.content).toContain("consultar_empresa(nombre: string)");
  });

  it("recovers from bad JSON with one correction", async () => {
    const { model, run, events } = await setup([
      "Claro, aquí tienes: {herramienta: consultar}",
      toolCall("consultar_empresa", { nombre: "Empresa X" }),
      answer("100 empleados"),
    ]);
    const result = await run();
    expect(result.stopReason).toBe("answer");
    expect(model.requests[1]?.messages.at(-1)?.content).toMatch(
      /^Respuesta no válida: el JSON está mal formado/,
    );
    expect(events.filter((event) => event.type === "invalid_action")).toHaveLength(1);
  });

  it("corrects an invented tool, naming the real ones", async () => {
    const { model, run, hub } = await setup([toolCall("obtener_cliente", { nombre: "X" }), answer("no sé")]);
    const result = await run();
    expect(result.stopReason).toBe("answer");
    expect(hub.calls).toEqual([]);
    expect(model.requests[1]?.messages.at(-1)?.content).toContain(
      'la herramienta "obtener_cliente" no existe; usa una de: consultar_empresa, borrar_empresa',
    );
  });

  it("corrects invalid arguments against the tool's inputSchema without calling it", async () => {
    const { model, run, hub } = await setup([
      toolCall("consultar_empresa", { empresa: "X" }),
      toolCall("consultar_empresa", { nombre: "Empresa Y" }),
      answer("200"),
    ]);
    const result = await run();
    expect(result.answer).toBe("200");
    expect(model.requests[1]?.messages.at(-1)?.content).toContain('falta "nombre"');
    expect(hub.calls).toEqual([{ name: "consultar_empresa", args: { nombre: "Empresa Y" } }]);
  });

  it("ends the turn honestly after too many invalid outputs in a row", async () => {
    const { model, run } = await setup(["prosa", "más prosa", "```json\n{}```"], { maxCorrections: 2 });
    const result = await run();
    expect(result.stopReason).toBe("invalid_output");
    expect(result.answer).toMatch(
      /^No pude completar la respuesta: el modelo dio 3 respuestas no válidas seguidas/,
    );
    expect(model.remaining()).toBe(0);
  });

  it("never runs the same call twice in a turn: returns the earlier observation and asks for an answer", async () => {
    const call = toolCall("consultar_empresa", { nombre: "Empresa X" });
    const { model, run, hub } = await setup([
      call,
      JSON.stringify({ parametros: { nombre: "Empresa X" }, herramienta_llamada: "consultar_empresa" }),
      answer("100"),
    ]);
    const result = await run();
    expect(result.answer).toBe("100");
    expect(hub.calls).toHaveLength(1);
    expect(result.steps[1]?.repeated).toBe(true);
    expect(model.requests[2]?.messages.at(-1)?.content).toContain("Ya llamaste a consultar_empresa");
    // The step after a repeat can only be an answer.
    expect(model.requests[2]?.schema).toEqual(expect.objectContaining({ required: ["respuesta"] }));
  });

  it("stops at the step limit with an honest message instead of looping", async () => {
    const replies = ["Empresa X", "Empresa Y", "Nada"].map((nombre) =>
      toolCall("consultar_empresa", { nombre }),
    );
    const { run, hub } = await setup(replies, { maxSteps: 3 });
    const result = await run();
    expect(result.stopReason).toBe("step_limit");
    expect(result.answer).toMatch(/^No pude terminar: llegué al límite de 3 pasos/);
    expect(hub.calls).toHaveLength(3);
  });

  it("passes a tool's own failure (isError) back to the model as an observation", async () => {
    const { model, run } = await setup([
      toolCall("consultar_empresa", { nombre: "Empresa Z" }),
      answer("No hallada"),
    ]);
    const result = await run();
    expect(result.steps[0]?.isError).toBe(true);
    expect(model.requests[1]?.messages.at(-1)?.content).toContain("No encontré la empresa Empresa Z");
    expect(result.answer).toBe("No hallada");
  });

  it("refuses a destructive tool without a terminal and without --yes", async () => {
    const { run, hub, events } = await setup([
      toolCall("borrar_empresa", { nombre: "Empresa X" }),
      answer("No pude borrarla."),
    ]);
    const result = await run("borra empresa X", refuseWithoutTerminal);
    expect(hub.calls).toEqual([]);
    expect(result.steps[0]?.observation).toContain("--yes");
    expect(events).toContainEqual(
      expect.objectContaining({ type: "approval", tool: "borrar_empresa", approved: false }),
    );
  });

  it("runs a destructive tool once approved", async () => {
    const { run, hub } = await setup([
      toolCall("borrar_empresa", { nombre: "Empresa X" }),
      answer("Borrada."),
    ]);
    await run("borra empresa X", approveAll);
    expect(hub.calls).toEqual([{ name: "borrar_empresa", args: { nombre: "Empresa X" } }]);
  });

  it("asks for approval for every tool of a server marked requireApproval, even read-only ones", async () => {
    hub = await connectInMemoryHub(createCompanyServer(), { requireApproval: true });
    const asked: string[] = [];
    const result = await runTurn({
      model: new ScriptedModel([toolCall("consultar_empresa", { nombre: "Empresa X" }), answer("ok")]),
      hub,
      userMessage: "consulta empresa X",
      history: [],
      settings: DEFAULT_AGENT_SETTINGS,
      approver: {
        decide: async ({ tool }) => {
          asked.push(tool.name);
          return { approved: false, reason: "el usuario dijo que no" };
        },
      },
    });
    expect(asked).toEqual(["consultar_empresa"]);
    expect(result.steps[0]?.observation).toContain("el usuario dijo que no");
  });

  it("cancels the turn when the signal fires during a model call", async () => {
    hub = await connectInMemoryHub(createCompanyServer());
    const controller = new AbortController();
    const model = new ScriptedModel([
      () => {
        controller.abort();
        throw new DOMException("aborted", "AbortError");
      },
    ]);
    // A scripted reply that throws stands for a provider interrupted mid-request.
    const result = await runTurn({
      model,
      hub,
      userMessage: "hola",
      history: [],
      settings: DEFAULT_AGENT_SETTINGS,
      approver: approveAll,
      signal: controller.signal,
    });
    expect(result.stopReason).toBe("cancelled");
  });

  it("cancels the turn when the signal fires during a tool step, through the same exit", async () => {
    hub = await connectInMemoryHub(createCompanyServer());
    const controller = new AbortController();
    const model = new ScriptedModel([toolCall("borrar_empresa", { nombre: "Empresa X" })]);
    const events: AgentEvent[] = [];
    // The user presses Ctrl-C while being asked about the destructive tool.
    const result = await runTurn({
      model,
      hub,
      userMessage: "borra la empresa X",
      history: [],
      settings: DEFAULT_AGENT_SETTINGS,
      approver: {
        decide: async () => {
          controller.abort();
          return { approved: false, reason: "cancelado" };
        },
      },
      signal: controller.signal,
      onEvent: (event) => events.push(event),
    });
    expect(result).toMatchObject({ stopReason: "cancelled", answer: "(turno cancelado)" });
    expect(model.requests).toHaveLength(1);
    expect(hub.calls).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: "turn_end", stopReason: "cancelled", steps: 1 });
  });
});
