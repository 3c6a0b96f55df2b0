/** The agent's fixed answers (limits, cancel) follow the user's language; Spanish stays the default. */
import { describe, expect, it } from "vitest";
import { DEFAULT_AGENT_SETTINGS } from "../../src/agent/agent-settings.js";
import { refuseWithoutTerminal } from "../../src/agent/approval.js";
import { runTurn } from "../../src/agent/run-turn.js";
import { createTranslator } from "../../src/i18n/translator.js";
import type { ToolHub } from "../../src/mcp/tool-hub.js";
import { ScriptedModel } from "../../src/testing/scripted-model.js";

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
