import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localisedHint, localisedMessage } from "../../src/cli/print-error.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { chooseProvider } from "../../src/llm/choose-provider.js";
import { resolveModelSettings } from "../../src/llm/model-settings.js";
import { SystemError } from "../../src/util/errors.js";

const translate = createTranslator("en");
let folder: string | undefined;
afterEach(() => {
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

function cacheWith(fileName: string): string {
  folder = mkdtempSync(join(tmpdir(), "agente-choose-"));
  writeFileSync(join(folder, fileName), "gguf");
  return folder;
}

/** A fetch that answers `/api/tags` with these model names and records the URLs asked. */
function ollamaWith(names: string[], asked: string[] = []) {
  return async (input: string | URL | Request) => {
    asked.push(String(input));
    return Response.json({ models: names.map((name) => ({ name, size: 1 })) });
  };
}

const refused = async () => {
  throw new TypeError("fetch failed", {
    cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }),
  });
};

describe("chooseProvider", () => {
  it("takes Ollama when it answers and has the model", async () => {
    const asked: string[] = [];
    const settings = resolveModelSettings({
      flags: {},
      env: { OLLAMA_HOST: "gpu:11434" },
      config: undefined,
    });
    const choice = await chooseProvider(settings, {
      translate,
      cacheFolder: "/nonexistent",
      fetch: ollamaWith(["qwen3:1.7b", "llama3.2:1b"], asked),
    });
    expect(choice.settings.provider).toBe("ollama");
    expect(choice.announcement).toBe("model: ollama llama3.2:1b at http://gpu:11434");
    expect(asked).toEqual(["http://gpu:11434/api/tags"]);
  });

  it("matches a model named without a tag against Ollama's :latest", async () => {
    const settings = resolveModelSettings({ flags: { model: "mistral" }, env: {}, config: undefined });
    const choice = await chooseProvider(settings, {
      translate,
      cacheFolder: "/nonexistent",
      fetch: ollamaWith(["mistral:latest"]),
    });
    expect(choice.settings.provider).toBe("ollama");
  });

  it("falls back to the cached embedded model when nothing answers, and says so", async () => {
    const cache = cacheWith("Qwen3-1.7B-Q4_K_M.gguf");
    const settings = resolveModelSettings({ flags: {}, env: {}, config: undefined });
    const choice = await chooseProvider(settings, { translate, cacheFolder: cache, fetch: refused });
    expect(choice.settings).toMatchObject({
      provider: "llama-cpp",
      gguf: join(cache, "Qwen3-1.7B-Q4_K_M.gguf"),
      model: "Qwen3-1.7B-Q4_K_M",
    });
    expect(choice.announcement).toBe(
      "model: embedded Qwen3-1.7B-Q4_K_M (no Ollama at http://localhost:11434)",
    );
  });

  it("falls back to the embedded model when Ollama lacks the model, saying how to pull it", async () => {
    const cache = cacheWith("Qwen3-1.7B-Q4_K_M.gguf");
    const settings = resolveModelSettings({ flags: {}, env: {}, config: undefined });
    const choice = await chooseProvider(settings, {
      translate: createTranslator("es"),
      cacheFolder: cache,
      fetch: ollamaWith(["qwen3:1.7b"]),
    });
    expect(choice.settings.provider).toBe("llama-cpp");
    expect(choice.announcement).toBe(
      "modelo: integrado Qwen3-1.7B-Q4_K_M (el Ollama de http://localhost:11434 no tiene llama3.2:1b; `ollama pull llama3.2:1b` para usarlo)",
    );
  });

  it("uses AGENTE_GGUF as it is, and does not download without leave (doctor)", async () => {
    const withFile = resolveModelSettings({
      flags: {},
      env: { AGENTE_GGUF: "/models/mine.gguf" },
      config: undefined,
    });
    const chosen = await chooseProvider(withFile, { translate, cacheFolder: "/nonexistent", fetch: refused });
    expect(chosen.settings).toMatchObject({
      provider: "llama-cpp",
      gguf: "/models/mine.gguf",
      model: "mine",
    });

    folder = mkdtempSync(join(tmpdir(), "agente-choose-"));
    const pending = await chooseProvider(resolveModelSettings({ flags: {}, env: {}, config: undefined }), {
      translate,
      cacheFolder: folder,
      fetch: refused,
      download: false,
    });
    expect(pending.cached).toBe(false);
    expect(pending.settings.gguf).toBe(join(folder, "Qwen3-1.7B-Q4_K_M.gguf"));
  });

  it("neither way works: the whole error in the user's language, the hint naming every way out", async () => {
    const settings = resolveModelSettings({
      flags: {},
      env: { OLLAMA_HOST: "gpu:11434", AGENTE_GGUF_URL: "http://mirror.invalid/m/tiny.gguf" },
      config: undefined,
    });
    folder = mkdtempSync(join(tmpdir(), "agente-choose-"));
    const error = await chooseProvider(settings, { translate, cacheFolder: folder, fetch: refused }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SystemError);
    const spanish = createTranslator("es");
    expect(localisedMessage(error, spanish)).toBe(
      "no hay modelo que usar: no hay Ollama con llama3.2:1b en http://gpu:11434, y no se puede descargar tiny.gguf: http://mirror.invalid/m/tiny.gguf no responde (ECONNREFUSED)",
    );
    expect(localisedHint(error, spanish)).toBe(
      "conéctate a la red y vuelve a ejecutarlo (o `agente models pull`), pon en AGENTE_GGUF un fichero GGUF que tengas, o arranca Ollama",
    );
  });

  it("keeps --provider ollama strict: no probe, no fallback", async () => {
    const settings = resolveModelSettings({ flags: { provider: "ollama" }, env: {}, config: undefined });
    const choice = await chooseProvider(settings, { translate, cacheFolder: "/nonexistent", fetch: refused });
    expect(choice).toEqual({ settings, announcement: undefined, cached: true });
  });

  it("rejects a malformed AGENTE_GGUF_SHA256 naming the variable", () => {
    expect(() =>
      resolveModelSettings({ flags: {}, env: { AGENTE_GGUF_SHA256: "abc" }, config: undefined }),
    ).toThrow('invalid value "abc" for AGENTE_GGUF_SHA256: expected 64 hexadecimal digits');
  });
});
