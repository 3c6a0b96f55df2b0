/**
 * What `/health` says about a model that serve settles in the background (model-watch.ts): starting while
 * `auto` probes, downloading with the bytes and the file while the embedded model downloads, missing with
 * the reason when the settle failed, and the model's own check once settled.
 */
import { describe, expect, it } from "vitest";
import type { ModelPhase } from "../../src/serve/background-model.js";
import { downloadPercent } from "../../src/serve/download-percent.js";
import { ModelWatch } from "../../src/serve/model-watch.js";
import { ScriptedModel } from "../../src/testing/scripted-model.js";

function watch(phase: ModelPhase): ModelWatch {
  return new ModelWatch(new ScriptedModel([], { provider: "auto", model: "llama3.2:1b" }), {
    phase: () => phase,
  });
}

describe("the model's state while serve settles it", () => {
  it("starting, while auto probes Ollama", async () => {
    expect(await watch({ kind: "settling", download: undefined }).status()).toEqual({
      provider: "auto",
      name: "llama3.2:1b",
      state: "starting",
    });
  });

  it("downloading, with the file and the bytes done of the whole", async () => {
    const download = { file: "Qwen3-1.7B-Q4_K_M.gguf", received: 420, total: 1000 };
    expect(await watch({ kind: "settling", download }).status()).toEqual({
      provider: "llama-cpp",
      name: "Qwen3-1.7B-Q4_K_M.gguf",
      state: "downloading",
      download: { received: 420, total: 1000 },
    });
    const unsized = { file: "x.gguf", received: 5, total: undefined };
    expect(await watch({ kind: "settling", download: unsized }).status()).toMatchObject({
      download: { received: 5 },
    });
  });

  it("missing, with what is missing and how to get it", async () => {
    expect(await watch({ kind: "missing", reason: "no model to run: …" }).status()).toEqual({
      provider: "auto",
      name: "llama3.2:1b",
      state: "missing",
      reason: "no model to run: …",
    });
  });

  it("says the percent a person reads, whole and never above 100", () => {
    expect(downloadPercent({ received: 999, total: 1000 })).toBe("99");
    expect(downloadPercent({ received: 1000, total: 1000 })).toBe("100");
    expect(downloadPercent({ received: 1200, total: 1000 })).toBe("100");
    expect(downloadPercent({ received: 10, total: undefined })).toBe("?");
  });
});
