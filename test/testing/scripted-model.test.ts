import { describe, expect, it } from "vitest";
import { ScriptExhaustedError } from "../../src/testing/script-exhausted-error.js";
import { ScriptLedger, scriptLedger } from "../../src/testing/script-ledger.js";
import { answer, ScriptedModel, toolCall } from "../../src/testing/scripted-model.js";
import { UnconsumedRepliesError } from "../../src/testing/unconsumed-replies-error.js";

const ask = (content: string) => ({ messages: [{ role: "user" as const, content }] });

describe("ScriptedModel", () => {
  it("hands out a list script one reply per call, records each request, then fails by name", async () => {
    const model = new ScriptedModel([
      toolCall("consultar_empresa", { nombre: "X" }),
      { text: "b", promptTokens: 7 },
    ]);
    expect(await model.complete(ask("uno"))).toEqual({
      text: '{"herramienta_llamada":"consultar_empresa","parametros":{"nombre":"X"}}',
      toolCalls: [],
      stopReason: "stop",
      warnings: [],
    });
    expect(model.remaining()).toBe(1);
    expect((await model.complete(ask("dos"))).promptTokens).toBe(7);
    expect(model.requests.map((request) => request.messages[0]?.content)).toEqual(["uno", "dos"]);
    await expect(model.complete(ask("tres"))).rejects.toThrow(
      new ScriptExhaustedError("ScriptedModel", 3).message,
    );
    await expect(model.complete(ask("cuatro"))).rejects.toBeInstanceOf(ScriptExhaustedError);
  });

  it("answers every call with one value, or with a function of the request", async () => {
    const same = new ScriptedModel(answer("siempre"));
    expect((await same.complete(ask("a"))).text).toBe('{"respuesta":"siempre"}');
    expect((await same.complete(ask("b"))).text).toBe('{"respuesta":"siempre"}');
    expect(same.remaining()).toBe(0);
    const echo = new ScriptedModel((request) => request.messages.at(-1)?.content ?? "");
    expect((await echo.complete(ask("eco"))).text).toBe("eco");
  });

  it("keeps no copies when told not to record", async () => {
    const model = new ScriptedModel("x", { recordRequests: false, provider: "bench" });
    await model.complete(ask("a"));
    expect(model.requests).toEqual([]);
    expect((await model.check()).provider).toBe("bench");
  });

  // Issue 20: 21 tests scripted a list and only 5 checked that every reply was used.
  it("fails on leftovers: assertConsumed at once, and the ledger the test setup settles after each test", async () => {
    const model = new ScriptedModel([answer("uno"), answer("dos")]);
    await model.complete(ask("hola"));
    expect(() => model.assertConsumed()).toThrow(UnconsumedRepliesError);
    expect(() => model.assertConsumed()).toThrow(
      "ScriptedModel: 1 scripted reply was never used (1 calls made)",
    );
    expect(() => scriptLedger.settle()).toThrow(UnconsumedRepliesError);
    // Settling forgets: the next test starts with a clean ledger.
    expect(() => scriptLedger.settle()).not.toThrow();
    const ledger = new ScriptLedger();
    ledger.add({ double: "ScriptedModel", remaining: () => 0, calls: () => 2 });
    expect(() => ledger.settle()).not.toThrow();
  });

  it("asks nothing of a model that answers every call with one value", async () => {
    const model = new ScriptedModel(answer("siempre"));
    model.assertConsumed();
    expect(() => scriptLedger.settle()).not.toThrow();
  });
});
