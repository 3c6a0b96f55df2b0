/**
 * End to end, questions answered from PostgreSQL: the community `@modelcontextprotocol/server-postgres`
 * (from node_modules, a child process of the real CLI) against a throwaway cluster holding the sample
 * invoicing database, read through a SELECT-only role as scripts/sample-db/README.md recommends.
 *
 * Also the whole starter topology: `agente init` (with `ODOO_URL` set to a fake Odoo and
 * `--database-url`) writes the config that drives one `ask` using two servers in one turn.
 *
 * Without the PostgreSQL binaries the file is skipped on a developer's machine, and fails under CI.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReaderRole, loadSampleDatabase } from "../../scripts/sample-db/load.js";
import { communityServer } from "../../src/config/starter-config.js";
import { type FakeOdoo, startFakeOdoo } from "../../src/testing/fake-odoo/index.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../../src/testing/postgres.js";
import { answer, startScriptedOllama, toolCall } from "../../src/testing/scripted-ollama.js";
import { createWorkspace, parseAsk, SLOW_TEST_MS, type Workspace } from "./support/workspace.js";

const skip = !postgresAvailable() && !process.env.CI;

const COUNT_SQL =
  "SELECT count(*) AS facturas FROM facturas f JOIN clientes c ON c.id = f.cliente_id WHERE c.nombre = 'Empresa X'";

async function countInvoices(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ value: number }>("SELECT count(*)::int AS value FROM facturas");
    return result.rows[0]!.value;
  } finally {
    await client.end();
  }
}

describe.skipIf(skip)(
  "questions answered from PostgreSQL through the real CLI",
  { timeout: SLOW_TEST_MS },
  () => {
    let database: RunningPostgres;
    let readerUrl: string;

    beforeAll(async () => {
      database = await startPostgres();
      await loadSampleDatabase(database.url);
      await createReaderRole(database.url, "lector");
      readerUrl = database.url.replace("postgres://postgres@", "postgres://lector@");
    });

    afterAll(async () => {
      await database?.stop();
    });

    describe("a config with the PostgreSQL server", () => {
      let workspace: Workspace;
      let config: string;

      beforeAll(async () => {
        workspace = await createWorkspace({ DATABASE_URL: readerUrl });
        config = await workspace.writeConfig({
          mcpServers: {
            postgres: { ...withUrlArgument(communityServer("postgres")) },
          },
        });
      });

      afterAll(async () => {
        await workspace?.remove();
      });

      it("¿cuántas facturas tiene el cliente Empresa X? → query with a SELECT → 4 → answer", async () => {
        const model = await startScriptedOllama([
          toolCall("query", { sql: COUNT_SQL }),
          answer("El cliente Empresa X tiene 4 facturas."),
        ]);
        try {
          const run = await workspace.agente(
            ["--config", config, "ask", "--json", "¿cuántas facturas tiene el cliente Empresa X?"],
            { env: { OLLAMA_HOST: model.url } },
          );
          const output = parseAsk(run);
          expect(run.code, run.stderr).toBe(0);
          expect(output.answer).toBe("El cliente Empresa X tiene 4 facturas.");
          expect(output.steps[0]).toMatchObject({
            action: { kind: "tool", tool: "query", args: { sql: COUNT_SQL } },
            isError: false,
          });
          // The row PostgreSQL returned, as the model read it (count(*) is a bigint: a string in JSON).
          const observation = model.lastMessage(1);
          expect(observation).toContain("query");
          expect(observation).toMatch(/"facturas":\s*"4"/);
        } finally {
          await model.close();
        }
      });

      it("a write statement the model sends fails, the model sees why, and nothing changed", async () => {
        const model = await startScriptedOllama([
          toolCall("query", { sql: "DELETE FROM facturas WHERE estado = 'borrador'" }),
          answer("No puedo borrar facturas: la base de datos es de solo lectura."),
        ]);
        try {
          const run = await workspace.agente(
            ["--config", config, "ask", "--json", "borra las facturas en borrador"],
            { env: { OLLAMA_HOST: model.url } },
          );
          const output = parseAsk(run);
          expect(run.code, run.stderr).toBe(0);
          expect(output.steps[0]?.isError).toBe(true);
          expect(model.lastMessage(1)).toMatch(/read-only transaction/);
          expect(await countInvoices(database.url)).toBe(10);
        } finally {
          await model.close();
        }
      });
    });

    describe("the config `agente init` writes", () => {
      let workspace: Workspace;
      let odoo: FakeOdoo;
      let odooEnv: Record<string, string>;

      beforeAll(async () => {
        odoo = await startFakeOdoo({ version: 19 });
        odooEnv = {
          ODOO_URL: odoo.url,
          ODOO_DB: odoo.database,
          ODOO_USER: odoo.login,
          ODOO_API_KEY: odoo.apiKey,
        };
        // No embedder: the memory server starts faster and its (empty) memory is not what this tests.
        workspace = await createWorkspace({ ...odooEnv, AGENTE_EMBEDDER: "none" });
        const init = await workspace.agente(["init", "--database-url", readerUrl]);
        expect(init.code, init.stderr).toBe(0);
      });

      afterAll(async () => {
        await odoo?.close();
        await workspace?.remove();
      });

      it("enables memory, Odoo, filesystem and PostgreSQL, with the connection string in .env only", async () => {
        const config = JSON.parse(await readFile(join(workspace.folder, "agente.json"), "utf8")) as {
          mcpServers: Record<string, { disabled?: boolean }>;
        };
        expect(Object.keys(config.mcpServers).sort()).toEqual(["filesystem", "memory", "odoo", "postgres"]);
        expect(config.mcpServers.odoo?.disabled).toBeUndefined();
        expect(JSON.stringify(config)).not.toContain(readerUrl);
        expect(await readFile(join(workspace.folder, ".env"), "utf8")).toContain(readerUrl);
      });

      // Known bug, pinned (see the e2e report): with the starter config's 24 tools the tool list exceeds
      // the retrieval budget (40% of 2,048 tokens), and the lexical ranker finds nothing of "¿cuántas facturas
      // tiene el cliente Empresa X?" in `query`'s description ("Run a read-only SQL query"), so the only
      // PostgreSQL tool is left out and the README's question cannot reach the database.
      let readmeQuestionPrompt = "";
      it("the README question runs through the init config (tools narrowed per turn)", async () => {
        const model = await startScriptedOllama([answer("No lo sé.")]);
        try {
          const run = await workspace.agente(
            ["ask", "--json", "¿cuántas facturas tiene el cliente Empresa X?"],
            {
              env: { OLLAMA_HOST: model.url },
            },
          );
          expect(run.code, run.stderr).toBe(0);
          readmeQuestionPrompt = model.systemPrompt(0);
          expect(readmeQuestionPrompt).toContain("- consultar_empresa(");
        } finally {
          await model.close();
        }
      });

      // Regression: tool retrieval used to leave `query` out, as no word of the question is in its description.
      it("the README question «¿cuántas facturas tiene el cliente Empresa X?» is offered the query tool", () => {
        expect(readmeQuestionPrompt).toContain("- query(");
      });

      it("one ask uses two servers in one turn: Odoo's company card, then the invoices in PostgreSQL", async () => {
        const model = await startScriptedOllama([
          toolCall("consultar_empresa", { nombre: "Empresa X" }),
          toolCall("query", { sql: COUNT_SQL }),
          answer("Empresa X (Madrid) tiene 6 empleados en Odoo y 4 facturas en la base de datos."),
        ]);
        try {
          const run = await workspace.agente(
            ["ask", "--json", "consulta empresa Empresa X y dime cuántas facturas tiene"],
            { env: { OLLAMA_HOST: model.url } },
          );
          const output = parseAsk(run);
          expect(run.code, run.stderr).toBe(0);
          expect(output.steps.map((step) => step.action.kind === "tool" && step.action.tool)).toEqual([
            "consultar_empresa",
            "query",
            false,
          ]);
          // The same model saw both servers' tools, and each observation came from its own server.
          const prompt = model.systemPrompt(0);
          for (const tool of ["consultar_empresa", "query", "read_text_file", "buscar_documentos"]) {
            expect(prompt).toContain(`- ${tool}(`);
          }
          expect(model.lastMessage(1)).toContain("employees: 6");
          expect(model.lastMessage(2)).toMatch(/"facturas":\s*"4"/);
          expect(odoo.requests.some((request) => request.model === "res.partner")).toBe(true);
        } finally {
          await model.close();
        }
      });
    });
  },
);

/** The community server's command line with the connection string from the environment, as a user writes it. */
function withUrlArgument(server: { command: string; args: string[] }): { command: string; args: string[] } {
  return { command: server.command, args: [...server.args, "${DATABASE_URL}"] };
}
