import { describe, expect, it } from "vitest";
import { resolveAgentSettings } from "../../src/agent/agent-settings.js";
import { resolveModelSettings } from "../../src/llm/model-settings.js";

describe("resolveModelSettings", () => {
  it("defaults to auto (Ollama llama3.2:1b on localhost, else the embedded model) at temperature 0", () => {
    expect(resolveModelSettings({ flags: {}, env: {}, config: undefined })).toMatchObject({
      provider: "auto",
      model: "llama3.2:1b",
      baseUrl: "http://localhost:11434",
      temperature: 0,
      contextSize: undefined,
    });
  });

  it("takes flags over environment over config", () => {
    const config = { provider: "openai", name: "from-config", temperature: 0.5, maxTokens: 100 };
    const env = {
      AGENTE_MODEL: "from-env",
      OPENAI_BASE_URL: "http://gpu:8000/v1",
      OPENAI_API_KEY: "sk-test",
    };
    const settings = resolveModelSettings({ flags: { temperature: "0.2" }, env, config });
    expect(settings).toMatchObject({
      provider: "openai",
      model: "from-env",
      baseUrl: "http://gpu:8000/v1",
      apiKey: "sk-test",
      temperature: 0.2,
      maxTokens: 100,
    });
  });

  it("reads OLLAMA_HOST as Ollama does: no scheme, no port, or 0.0.0.0", () => {
    const baseUrl = (OLLAMA_HOST: string) =>
      resolveModelSettings({ flags: {}, env: { OLLAMA_HOST }, config: undefined }).baseUrl;
    expect(baseUrl("0.0.0.0")).toBe("http://127.0.0.1:11434");
    expect(baseUrl("gpu-box")).toBe("http://gpu-box:11434");
    expect(baseUrl("https://ollama.example.com")).toBe("https://ollama.example.com");
  });

  it("accepts OLLAMA_HOST without a scheme", () => {
    expect(
      resolveModelSettings({ flags: {}, env: { OLLAMA_HOST: "ollama:11434" }, config: undefined }).baseUrl,
    ).toBe("http://ollama:11434");
  });

  it("names the flag, variable or config key of a bad value", () => {
    expect(() => resolveModelSettings({ flags: { temperature: "hot" }, env: {}, config: undefined })).toThrow(
      /--temperature/,
    );
    expect(() =>
      resolveModelSettings({ flags: {}, env: { AGENTE_PROVIDER: "gpt" }, config: undefined }),
    ).toThrow(/AGENTE_PROVIDER/);
    expect(() => resolveModelSettings({ flags: {}, env: {}, config: { maxTokens: -1 } })).toThrow(
      /model\.maxTokens/,
    );
    expect(() => resolveModelSettings({ flags: {}, env: {}, config: { temprature: 1 } })).toThrow(
      /config key model/,
    );
  });
});

describe("resolveAgentSettings", () => {
  it("defaults to 6 steps, JSON mode, context on with k 3", () => {
    expect(resolveAgentSettings({ flags: {}, config: undefined })).toMatchObject({
      maxSteps: 6,
      toolMode: "json",
      context: { enabled: true, k: 3 },
    });
  });

  it("lets --no-context and --max-steps override the config", () => {
    const settings = resolveAgentSettings({
      flags: { context: false, maxSteps: "3" },
      config: { maxSteps: 9, context: { enabled: true, k: 5 } },
    });
    expect(settings).toMatchObject({ maxSteps: 3, context: { enabled: false, k: 5 } });
  });

  it("derives the prompt budget from the model's window minus its reply tokens", () => {
    expect(resolveAgentSettings({ flags: {}, config: undefined }).promptBudgetTokens).toBe(4096 - 512);
    const fixed = { contextSize: 8192, maxTokens: 1024 };
    expect(resolveAgentSettings({ flags: {}, config: undefined, model: fixed }).promptBudgetTokens).toBe(
      8192 - 1024,
    );
    const auto = { contextSize: undefined, maxTokens: 256 };
    expect(resolveAgentSettings({ flags: {}, config: undefined, model: auto }).promptBudgetTokens).toBe(
      4096 - 256,
    );
  });

  it("takes agent.promptBudgetTokens from the config and --prompt-budget over it", () => {
    const model = { contextSize: 8192, maxTokens: 512 };
    const config = { promptBudgetTokens: 2000 };
    expect(resolveAgentSettings({ flags: {}, config, model }).promptBudgetTokens).toBe(2000);
    expect(resolveAgentSettings({ flags: { promptBudget: "1500" }, config, model }).promptBudgetTokens).toBe(
      1500,
    );
    expect(() => resolveAgentSettings({ flags: { promptBudget: "12" }, config: undefined })).toThrow(
      /--prompt-budget/,
    );
    expect(() => resolveAgentSettings({ flags: {}, config: { promptBudgetTokens: "big" } })).toThrow(
      /agent\.promptBudgetTokens/,
    );
  });

  it("rejects a bad tool mode naming the flag", () => {
    expect(() => resolveAgentSettings({ flags: { toolMode: "xml" }, config: undefined })).toThrow(
      /--tool-mode/,
    );
  });
});
