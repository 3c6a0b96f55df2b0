import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ModelSettings } from "../../src/llm/model-settings.js";
import { resolveModelSettings } from "../../src/llm/model-settings.js";
import { SettlingChatModel } from "../../src/runtime/settling-model.js";
import { answer, ScriptedModel } from "../../src/testing/scripted-model.js";
import { SystemError } from "../../src/util/errors.js";
import { closedPortUrl } from "../llm/replay-server.js";
import { TINY_GGUF } from "../support/fixture-files.js";
import { startModelFileServer } from "../support/model-file-server.js";

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function cacheEnv(): Promise<NodeJS.ProcessEnv> {
  const folder = await mkdtemp(join(tmpdir(), "agente-settling-"));
  folders.push(folder);
  return { XDG_CACHE_HOME: folder, LANG: "C" };
}

function recordingFactory() {
  const created: ModelSettings[] = [];
  const create = (settings: ModelSettings) => {
    created.push(settings);
    return new ScriptedModel(answer("hola"), { provider: settings.provider, model: settings.model });
  };
  return { created, create };
}

describe("the model a chat settles on first use", () => {
  it("builds the provider once, on the first question, and reports the settled names after", async () => {
    const { created, create } = recordingFactory();
    const settings = resolveModelSettings({ flags: { provider: "ollama" }, env: {}, config: undefined });
    const model = new SettlingChatModel(settings, { env: await cacheEnv(), create });
    expect(created).toEqual([]);
    expect(`${model.provider}/${model.model}`).toBe("ollama/llama3.2:1b");
    await model.complete({ messages: [{ role: "user", content: "hola" }] });
    await model.complete({ messages: [{ role: "user", content: "otra" }] });
    expect(created.map((entry) => entry.provider)).toEqual(["ollama"]);
  });

  it("a check that needs no download settles the model: the first question uses the same engine", async () => {
    const { created, create } = recordingFactory();
    const settings = resolveModelSettings({ flags: { provider: "ollama" }, env: {}, config: undefined });
    const model = new SettlingChatModel(settings, { env: await cacheEnv(), create });
    expect((await model.check()).modelAvailable).toBe(true);
    await model.complete({ messages: [{ role: "user", content: "hola" }] });
    expect(created).toHaveLength(1);
  });

  it("with no Ollama and nothing cached, the check downloads nothing and says the model comes on first use", async () => {
    const { created, create } = recordingFactory();
    const server = await startModelFileServer({ file: TINY_GGUF, path: "/modelo.gguf" });
    try {
      const settings = resolveModelSettings({
        flags: { baseUrl: await closedPortUrl() },
        env: { AGENTE_GGUF_URL: server.url },
        config: undefined,
      });
      // The environment says Spanish, the user chose English (`--lang en`): English it is.
      const env = { ...(await cacheEnv()), LANG: "es_ES.UTF-8" };
      const model = new SettlingChatModel(settings, { env, language: "en", create });
      const check = await model.check();
      expect(check.modelAvailable).toBe(false);
      expect(check.problems).toEqual([]);
      expect(check.location).toMatch(/modelo\.gguf \(not downloaded yet: the first question downloads it/);
      expect(created).toEqual([]);
      // One look at the source, nothing fetched.
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("with no Ollama, nothing cached and the download unreachable, the check says it cannot be fetched", async () => {
    const { created, create } = recordingFactory();
    const download = `${await closedPortUrl()}/modelo.gguf`;
    const settings = resolveModelSettings({
      flags: { baseUrl: await closedPortUrl() },
      env: { AGENTE_GGUF_URL: download },
      config: undefined,
    });
    const model = new SettlingChatModel(settings, { env: await cacheEnv(), create });
    const check = await model.check();
    expect(check.modelAvailable).toBe(false);
    expect(check.problems).toEqual([
      `not downloaded, and it cannot be fetched: cannot download modelo.gguf: ${download} is not reachable (ECONNREFUSED); connect to the network and run again (or \`agente models pull\`), set AGENTE_GGUF to a GGUF file you have, or start Ollama`,
    ]);
    expect(check.location).toMatch(/modelo\.gguf$/);
    expect(created).toEqual([]);
  });

  it("a failed settle fails that question only: the next one tries again", async () => {
    const { created, create } = recordingFactory();
    const settings = resolveModelSettings({
      flags: { baseUrl: await closedPortUrl() },
      env: { AGENTE_GGUF_URL: `${await closedPortUrl()}/modelo.gguf` },
      config: undefined,
    });
    const model = new SettlingChatModel(settings, { env: await cacheEnv(), create });
    const request = { messages: [{ role: "user" as const, content: "hola" }] };
    await expect(model.complete(request)).rejects.toThrow(SystemError);
    await expect(model.complete(request)).rejects.toThrow(
      /^no model to run: no Ollama with llama3\.2:1b at /,
    );
    expect(created).toEqual([]);
  });
});
