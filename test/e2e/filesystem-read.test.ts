/**
 * End to end, a file read through the community `@modelcontextprotocol/server-filesystem` (from
 * node_modules, a child process of the real CLI), configured as `agente init --folder` writes it:
 * read-only, its write tools excluded so the model is never offered them.
 */
import { cp, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, startScriptedOllama, toolCall } from "../../src/testing/scripted-ollama.js";
import {
  createWorkspace,
  FIXTURE_DOCUMENTS,
  parseAsk,
  SLOW_TEST_MS,
  type Workspace,
} from "./support/workspace.js";

describe("a file read from the filesystem server", { timeout: SLOW_TEST_MS }, () => {
  let workspace: Workspace;
  let folder: string;

  beforeAll(async () => {
    // The memory server starts too (init always lists it); no embedder keeps its start-up short.
    workspace = await createWorkspace({ AGENTE_EMBEDDER: "none" });
    folder = join(workspace.folder, "documentos");
    await cp(FIXTURE_DOCUMENTS, folder, { recursive: true });
    const init = await workspace.agente(["init", "--folder", "documentos"]);
    expect(init.code, init.stderr).toBe(0);
  });

  afterAll(async () => {
    await workspace?.remove();
  });

  it("read_text_file → the file's text is the observation → answer; write tools are not offered", async () => {
    const file = join(folder, "tarifas-2026.txt");
    const model = await startScriptedOllama([
      toolCall("read_text_file", { path: file }),
      answer("Según tarifas-2026.txt, la hora de consultoría cuesta 60 euros."),
    ]);
    try {
      const run = await workspace.agente(
        ["ask", "--json", "¿cuánto cuesta la hora de consultoría según tarifas-2026.txt?"],
        {
          env: { OLLAMA_HOST: model.url },
        },
      );
      const output = parseAsk(run);
      expect(run.code, run.stderr).toBe(0);
      expect(output.answer).toBe("Según tarifas-2026.txt, la hora de consultoría cuesta 60 euros.");
      expect(output.steps[0]).toMatchObject({
        action: { kind: "tool", tool: "read_text_file", args: { path: file } },
        isError: false,
      });
      expect(model.lastMessage(1)).toContain((await readFile(file, "utf8")).trim());

      const prompt = model.systemPrompt(0);
      expect(prompt).toContain("- read_text_file(");
      for (const tool of ["write_file", "edit_file", "create_directory", "move_file"]) {
        expect(prompt).not.toContain(`- ${tool}(`);
      }
    } finally {
      await model.close();
    }
  });

  it("the hub exposes the read tools only: the write tools are excluded as init configures them", async () => {
    const run = await workspace.agente(["tools", "list", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const tools = (JSON.parse(run.stdout) as Array<{ name: string; server: string }>)
      .filter((tool) => tool.server === "filesystem")
      .map((tool) => tool.name);
    expect(tools).toContain("read_text_file");
    expect(tools).toContain("list_directory");
    expect(
      tools.filter((name) => ["write_file", "edit_file", "create_directory", "move_file"].includes(name)),
    ).toEqual([]);
  });

  it("a file outside the named folder is refused, and the model reads the refusal", async () => {
    const outside = join(workspace.folder, "agente.json");
    const model = await startScriptedOllama([
      toolCall("read_text_file", { path: outside }),
      answer("No tengo acceso a ese fichero."),
    ]);
    try {
      const run = await workspace.agente(["ask", "--json", "lee agente.json"], {
        env: { OLLAMA_HOST: model.url },
      });
      const output = parseAsk(run);
      expect(run.code, run.stderr).toBe(0);
      expect(output.steps[0]?.isError).toBe(true);
      expect(model.lastMessage(1)).toMatch(/denied|outside allowed directories/i);
      expect(model.lastMessage(1)).not.toContain("mcpServers");
    } finally {
      await model.close();
    }
  });
});

// Known bug, pinned (see the e2e report): `agente init` without --folder gives the filesystem server the
// current folder, the same folder where it saves the --database-url (with its password) to .env, and
// where its own comments tell users to keep ODOO_API_KEY. The model can read .env with read_text_file,
// and the CLI prints the secret in the `←` line.
describe("the .env that `agente init` writes next to the config", { timeout: SLOW_TEST_MS }, () => {
  const secret = "s3cr3t-pw";
  let workspace: Workspace;
  let observation = "";
  let printed = "";

  beforeAll(async () => {
    workspace = await createWorkspace({ AGENTE_EMBEDDER: "none" });
    // An unreachable database: the PostgreSQL server still starts, and nothing here queries it.
    const init = await workspace.agente([
      "init",
      "--database-url",
      `postgres://agente:${secret}@127.0.0.1:9/demo`,
    ]);
    expect(init.code, init.stderr).toBe(0);
  });

  afterAll(async () => {
    await workspace?.remove();
  });

  it("a model asking for .env gets an answer from the filesystem server", async () => {
    const model = await startScriptedOllama([
      toolCall("read_text_file", { path: join(workspace.folder, ".env") }),
      answer("No puedo mostrar ese fichero."),
    ]);
    try {
      const run = await workspace.agente(["ask", "--json", "lee el fichero .env"], {
        env: { OLLAMA_HOST: model.url },
      });
      expect(run.code, run.stderr).toBe(0);
      observation = model.lastMessage(1);
      printed = run.stdout + run.stderr;
      expect(observation).toContain("read_text_file");
    } finally {
      await model.close();
    }
  });

  // Regression: the password in .env reached the model and the terminal through read_text_file.
  it("the database password in .env never reaches the model or the terminal", () => {
    expect(observation).not.toBe("");
    expect(observation).not.toContain(secret);
    expect(printed).not.toContain(secret);
  });
});
