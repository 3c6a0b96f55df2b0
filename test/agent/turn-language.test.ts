/** The agent's fixed answers (limits, cancel) follow the user's language; Spanish stays the default. */
import { afterEach, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/agent-events.js";
import { DEFAULT_AGENT_SETTINGS } from "../../src/agent/agent-settings.js";
import { refuseWithoutTerminal } from "../../src/agent/approval.js";
import { runTurn } from "../../src/agent/run-turn.js";
import { createTranslator } from "../../src/i18n/translator.js";
import type { ToolHub } from "../../src/mcp/tool-hub.js";
import { answer, ScriptedModel, toolCall } from "../../src/testing/scripted-model.js";
import { connectInMemoryHub, type InMemoryHub } from "../support/in-memory-hub.js";
import { createCompanyServer } from "./company-server.js";

const noTools: ToolHub = {
  tools: () => [],
  callTool: async () => {
    throw new Error("no tools");
  },
};

function invalidTurn(translate?: ReturnType<typeof createTranslator>) {
  return runTurn({
    // maxCorrections 1: the second invalid reply ends the turn.
    model: new ScriptedModel(["no es JSON", "tampoco"]),
    hub: noTools,
    userMessage: "hola",
    history: [],
    settings: {
      ...DEFAULT_AGENT_SETTINGS,
      maxCorrections: 1,
      context: { ...DEFAULT_AGENT_SETTINGS.context, enabled: false },
    },
    approver: refuseWithoutTerminal,
    ...(translate === undefined ? {} : { translate }),
  });
}

describe("the agent's fixed answers", () => {
  it("in English when the user's language is English", async () => {
    const result = await invalidTurn(createTranslator("en"));
    expect(result.stopReason).toBe("invalid_output");
    expect(result.answer).toMatch(
      /^I could not complete the answer: the model gave 2 invalid replies in a row \(the last: /,
    );
  });

  it("in Spanish by default, as the seed", async () => {
    const result = await invalidTurn();
    expect(result.answer).toMatch(
      /^No pude completar la respuesta: el modelo dio 2 respuestas no válidas seguidas/,
    );
  });
});

describe("what the loop tells the model, in the language of its prompt", () => {
  let hub: InMemoryHub | undefined;
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
  });

  it("English: the loop guard, the unknown tool and the correction come from the catalogue", async () => {
    hub = await connectInMemoryHub(createCompanyServer());
    const call = toolCall("consultar_empresa", { nombre: "Empresa X" });
    const model = new ScriptedModel([toolCall("no_existe", {}), call, call, answer("100")]);
    const events: AgentEvent[] = [];
    const result = await runTurn({
      model,
      hub,
      userMessage: "company X",
      history: [],
      settings: DEFAULT_AGENT_SETTINGS,
      approver: refuseWithoutTerminal,
      translate: createTranslator("en"),
      onEvent: (event) => events.push(event),
    });
    expect(result.answer).toBe("100");
    expect(model.requests[1]?.messages.at(-1)?.content).toMatch(
      /^Invalid reply: the tool "no_existe" does not exist; use one of: .*consultar_empresa/,
    );
    expect(model.requests[3]?.messages.at(-1)?.content).toContain(
      "You already called consultar_empresa with these same parameters.",
    );
    expect(events.some((event) => event.type === "observation" && event.repeated)).toBe(true);
  });
});
