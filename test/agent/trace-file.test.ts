import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_AGENT_SETTINGS } from "../../src/agent/agent-settings.js";
import { approveAll } from "../../src/agent/approval.js";
import { runTurn } from "../../src/agent/run-turn.js";
import { traceToFile } from "../../src/agent/trace-file.js";
import { answer, ScriptedModel, toolCall } from "../../src/testing/scripted-model.js";
import { connectInMemoryHub, type InMemoryHub } from "../support/in-memory-hub.js";
import { createCompanyServer } from "./company-server.js";

let hub: InMemoryHub | undefined;
let folder: string | undefined;
afterEach(async () => {
  await hub?.close();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

describe("trace file", () => {
  it("writes every step as a JSON line: sizes, raw output, action, observation, timings, warnings; secrets redacted", async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-trace-"));
    const path = join(folder, "nested", "turn.jsonl");
    hub = await connectInMemoryHub(createCompanyServer());
    const model = new ScriptedModel([
      toolCall("consultar_empresa", { nombre: "Empresa X", api_key: "sk-live-123" }),
      "no es JSON",
      {
        text: answer("100"),
        warnings: ["the prompt was probably truncated"],
        promptTokens: 321,
        completionTokens: 9,
      },
    ]);
    await runTurn({
      model,
      hub,
      userMessage: "consulta empresa X",
      history: [],
      settings: DEFAULT_AGENT_SETTINGS,
      approver: approveAll,
      onEvent: traceToFile({ path, now: () => new Date("2026-11-25T14:00:00Z") }),
    });
    const text = await readFile(path, "utf8");
    expect(text).not.toContain("sk-live-123");
    const events = text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((event) => event.type)).toEqual([
      "turn_start",
      "prompt_budget",
      "model_call",
      "action",
      "observation",
      "model_call",
      "invalid_action",
      "warning",
      "model_call",
      "action",
      "turn_end",
    ]);
    expect(events[0]).toMatchObject({
      time: "2026-11-25T14:00:00.000Z",
      userMessage: "consulta empresa X",
      toolCount: 2,
    });
    expect(events[1]).toMatchObject({ budgetTokens: 3584, droppedTools: 0, droppedHistoryMessages: 0 });
    expect(events[3]).toMatchObject({ action: { args: { api_key: "[redacted]" } } });
    expect(events[8]).toMatchObject({
      promptTokens: 321,
      completionTokens: 9,
      rawOutput: '{"respuesta":"100"}',
    });
    expect(events[2]).toMatchObject({
      messageCount: 2,
      requestCharacters: expect.any(Number),
      promptTokensEstimate: expect.any(Number),
      durationMs: expect.any(Number),
    });
  });
});
