/** Issue 20: config mistakes said with where they are and what was meant. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/config-error.js";
import { loadConfig } from "../../src/config/load-config.js";
import { checkModelSection } from "../../src/llm/model-settings.js";
import { UserError } from "../../src/util/errors.js";

const emptyHome = { HOME: "/nonexistent-home", PATH: "/usr/bin" };
const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function loadError(text: string): Promise<{ message: string; file: string }> {
  const cwd = await mkdtemp(join(tmpdir(), "agente-forgiving-"));
  folders.push(cwd);
  const file = join(cwd, "agente.json");
  await writeFile(file, text);
  const error = await loadConfig({ cwd, env: emptyHome }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  return { message: (error as Error).message, file };
}

describe("forgiving config", () => {
  it("a trailing comma in an array: its line and column", async () => {
    const { message, file } = await loadError(
      '{\n  "mcpServers": {\n    "a": {"command": "x", "args": ["y",]}\n  }\n}\n',
    );
    expect(message).toBe(
      `${file}: is not valid JSON: a comma before the closing bracket at line 3, column 39: JSON allows none there, remove it`,
    );
  });

  it("a trailing comma in an object: its line and column, not the next line's", async () => {
    const { message, file } = await loadError('{\n  "mcpServers": {},\n}\n');
    expect(message).toBe(
      `${file}: is not valid JSON: a comma before the closing bracket at line 2, column 19: JSON allows none there, remove it`,
    );
  });

  it("a comma inside a string is no trailing comma", async () => {
    const { message } = await loadError('{"mcpServers": {"a": {"command": ",]"}}, "x": }');
    expect(message).not.toContain("comma before the closing bracket");
  });

  it('"comand": did you mean "command"', async () => {
    const { message, file } = await loadError(JSON.stringify({ mcpServers: { a: { comand: "node" } } }));
    expect(message).toBe(
      `${file}: server "a", field "command": is required: did you mean "command" instead of "comand"?`,
    );
  });

  it('"provider": "olama": did you mean "ollama"', () => {
    const error = (() => {
      try {
        checkModelSection({ provider: "olama" }, "/x/agente.json");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      '/x/agente.json: invalid config key model.provider: did you mean "ollama"? "olama" is not one of "auto"|"ollama"|"openai"|"llama-cpp"',
    );
  });
});
