import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { catalogueTools } from "../../src/eval/catalogue-tools.js";
import { parseScenarios } from "../../src/eval/scenario.js";
import { catalogueSchema } from "../../src/eval/servers/catalogue.js";
import {
  CALIBRATED_CHARACTERS_PER_TOKEN,
  estimateCounter,
  loadLlama3Counter,
  tokenCounterFor,
  usesLlama3Tokenizer,
} from "../../src/llm/token-counter.js";
import { toolLine } from "../../src/prompt/system-prompt.js";

const EVAL = fileURLToPath(new URL("../../eval/", import.meta.url));

describe("token counters", () => {
  it("counts Llama 3 tokens with the real tokenizer, without begin/end markers", async () => {
    const counter = await loadLlama3Counter();
    expect(counter?.name).toBe("llama3-bpe");
    expect(counter?.count("hello world")).toBe(2);
    expect(counter?.count("")).toBe(0);
  });

  it("picks the tokenizer by model name", async () => {
    expect(usesLlama3Tokenizer("llama3.2:1b")).toBe(true);
    expect(usesLlama3Tokenizer("Llama-3.2-3B-Instruct-Q4_K_M.gguf")).toBe(true);
    expect(usesLlama3Tokenizer("qwen2.5:1.5b")).toBe(false);
    expect(usesLlama3Tokenizer("llama-2-tiny-random.gguf")).toBe(false);
    expect((await tokenCounterFor("llama3.2:1b")).name).toBe("llama3-bpe");
    expect((await tokenCounterFor("qwen2.5:1.5b")).name).toBe(`estimate:${CALIBRATED_CHARACTERS_PER_TOKEN}`);
  });

  it("never counts fewer tokens than the Llama 3 tokenizer on agente's prompts (the calibration)", async () => {
    const real = (await loadLlama3Counter())!;
    const estimate = estimateCounter();
    const lines = ["core", "business", "office"].flatMap((name) =>
      catalogueTools(
        catalogueSchema.parse(JSON.parse(readFileSync(`${EVAL}servers/${name}.json`, "utf8"))),
      ).map((tool) => `- ${toolLine(tool)}`),
    );
    const questions = parseScenarios(readFileSync(`${EVAL}scenarios/seed-domain.jsonl`, "utf8")).map(
      (scenario) => scenario.message,
    );
    for (const text of [lines.join("\n"), questions.join("\n")]) {
      const ratio = estimate.count(text) / real.count(text);
      // Over-estimating a little is the safe side for a budget; by more than 25% wastes the context.
      expect(ratio).toBeGreaterThanOrEqual(1);
      expect(ratio).toBeLessThan(1.25);
    }
  });
});
