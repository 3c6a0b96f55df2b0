/**
 * Records the transcript of docs/tour.md: runs the built `./bin/agente` as a user would, in a fresh
 * folder (`/tmp/agente-tour`, also HOME), against a scripted model on Ollama's wire, a fake Odoo 19,
 * a throwaway PostgreSQL holding the sample database, and the real MCP servers (memory, Odoo,
 * filesystem, PostgreSQL) as child processes. Each command's stdout and stderr go to one file
 * descriptor, so they interleave as they would on a terminal.
 *
 *     npm run build && npx tsx test/e2e/tour/record-tour.ts > tour.txt
 *
 * The model's replies are scripted (below); everything else printed is what agente and the servers did.
 */
import { spawn } from "node:child_process";
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createReaderRole, loadSampleDatabase } from "../../../scripts/sample-db/load.js";
import { startFakeOdoo } from "../../../src/testing/fake-odoo/index.js";
import { startPostgres } from "../../../src/testing/postgres.js";
import { answer, startScriptedOllama, toolCall } from "../../../src/testing/scripted-ollama.js";
import { AGENTE_BIN } from "../../support/run-cli.js";
import { FIXTURE_DOCUMENTS } from "../support/workspace.js";

const folder = "/tmp/agente-tour";
rmSync(folder, { recursive: true, force: true });
mkdirSync(folder);
cpSync(FIXTURE_DOCUMENTS, join(folder, "documentos"), { recursive: true });

const odoo = await startFakeOdoo({ version: 19 });
const database = await startPostgres();
await loadSampleDatabase(database.url);
await createReaderRole(database.url, "lector");
const databaseUrl = database.url.replace("postgres://postgres@", "postgres://lector@");

const tariffs = join(folder, "documentos/tarifas-2026.txt");
const model = await startScriptedOllama([
  // agente (chat), first turn: the seed's session
  toolCall("consultar_empresa", { nombre: "Empresa X" }),
  answer(
    "Empresa X (Calle Mayor 1, Madrid; info@empresax.es) tiene 6 empleados y 1 oportunidad abierta por 20.000. Aún no tiene pedidos confirmados.",
  ),
  // second turn: answered from the context injected before the first model call
  answer(
    "El contrato de mantenimiento de Empresa X vence el 31 de marzo de 2027 y se renueva por años salvo aviso con 60 días de antelación (fuente: contrato-mantenimiento.md).",
  ),
  // agente ask: the sample database
  toolCall("query", {
    sql: "SELECT count(*) AS facturas FROM facturas f JOIN clientes c ON c.id = f.cliente_id WHERE c.nombre = 'Empresa X'",
  }),
  answer("El cliente Empresa X tiene 4 facturas."),
  // agente ask: a file
  toolCall("read_text_file", { path: tariffs }),
  answer("La hora de consultoría cuesta 60 euros (tarifas-2026.txt)."),
]);

const inherited = Object.fromEntries(
  Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined &&
      !/^(AGENTE_|ODOO_|OLLAMA_|OPENAI_|DATABASE_URL|GOOGLE_MAPS_|XDG_)/.test(entry[0]),
  ),
);
const env: Record<string, string> = {
  ...inherited,
  HOME: folder,
  NO_COLOR: "1",
  OLLAMA_HOST: model.url,
  ODOO_URL: odoo.url,
  ODOO_DB: odoo.database,
  ODOO_USER: odoo.login,
  ODOO_API_KEY: odoo.apiKey,
};

const scratch = mkdtempSync(join(tmpdir(), "agente-tour-out-"));
/**
 * Runs one command and prints it with its output. Asynchronous on purpose: the scripted model and the
 * fake Odoo answer from this process's event loop.
 */
async function agente(args: string[], input = ""): Promise<void> {
  const shown = args.map((arg) => (/[\s¿?"']/.test(arg) ? `"${arg}"` : arg)).join(" ");
  process.stdout.write(`${`$ agente ${shown}`.trimEnd()}\n`);
  // One file descriptor for both streams, as a terminal shows them.
  const output = join(scratch, "output.txt");
  const descriptor = openSync(output, "w");
  const child = spawn(process.execPath, [AGENTE_BIN, ...args], {
    cwd: folder,
    env,
    stdio: ["pipe", descriptor, descriptor],
  });
  child.stdin?.end(input);
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearTimeout(timer);
  closeSync(descriptor);
  process.stdout.write(readFileSync(output, "utf8"));
  if (code !== 0) process.stdout.write(`(exit code ${code})\n`);
  process.stdout.write("\n");
}

try {
  await agente(["init", "--folder", "documentos", "--database-url", databaseUrl]);
  await agente(["servers"]);
  await agente(["ingest", "documentos"]);
  await agente(
    [],
    "consulta empresa Empresa X\n¿cuándo vence el contrato de mantenimiento de Empresa X?\nsalir\n",
  );
  await agente(["ask", "consulta en la base de datos cuántas facturas tiene el cliente Empresa X"]);
  await agente(["ask", "¿cuánto cuesta la hora de consultoría según documentos/tarifas-2026.txt?"]);
  if (model.remaining() !== 0) process.stderr.write(`note: ${model.remaining()} scripted replies unused\n`);
} finally {
  await model.close();
  await odoo.close();
  await database.stop();
  rmSync(scratch, { recursive: true, force: true });
}
