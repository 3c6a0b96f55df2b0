/**
 * The chat's model line names the model that will answer (not `auto/llama3.2:1b … ready` while the embedded
 * one runs), and `auto`'s choice is one of the chat's own lines, never written over the prompt.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkModel } from "../../src/cli/commands/chat.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { resolveModelSettings } from "../../src/llm/model-settings.js";
import { SettlingChatModel } from "../../src/runtime/settling-model.js";
import { answer, ScriptedModel } from "../../src/testing/scripted-model.js";
import { closedPortUrl } from "../llm/replay-server.js";

const folders: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe("the chat's model line", () => {
  it("auto with the embedded model cached: names llama-cpp/<file>, says why, writes nothing itself", async () => {
    const cache = await mkdtemp(join(tmpdir(), "agente-chat-line-"));
    folders.push(cache);
    await mkdir(join(cache, "agente", "models"), { recursive: true });
    await writeFile(join(cache, "agente", "models", "tiny.gguf"), "gguf");
    const ollama = await closedPortUrl();
    const settings = resolveModelSettings({
      flags: { baseUrl: ollama },
      env: { AGENTE_GGUF_URL: "http://mirror.invalid/tiny.gguf" },
      config: undefined,
    });
    const model = new SettlingChatModel(settings, {
      env: { XDG_CACHE_HOME: cache, LANG: "C" },
      language: "en",
      create: (settled) =>
        new ScriptedModel(answer("hola"), { provider: settled.provider, model: settled.model }),
    });
    const written = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const line = await checkModel(model, createTranslator("en"));
    expect(written).not.toHaveBeenCalled();
    expect(line).toBe(`model: embedded tiny (no Ollama at ${ollama})\n· model llama-cpp/tiny ready`);
    // The first question does not say it again.
    await model.complete({ messages: [{ role: "user", content: "hola" }] });
    expect(written).not.toHaveBeenCalled();
  });
});
