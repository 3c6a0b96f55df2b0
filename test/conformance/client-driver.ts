/**
 * The client the conformance suite runs for each client scenario: `client-driver.ts <server-url>`, with
 * `MCP_CONFORMANCE_SCENARIO` and, for some scenarios, `MCP_CONFORMANCE_CONTEXT` set by the suite. It writes
 * a throwaway agente.json naming the scenario's server, then runs the real CLI (`bin/agente`) as a user
 * would: `servers --json` (and, for an auth scenario whose server is not up, `login conformance`, then
 * `servers --json` again), then `tools call NAME --args … --yes` for each tool the scenario offers.
 * `$BROWSER` is `follow-redirects.mjs`, which approves an authorization URL at once.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { z } from "zod";
import { throwawayUserEnv } from "../../src/testing/child-processes.js";
import { oauthEntry, plannedCalls, scenarioContextSchema, schemaEchoCall } from "./client-plan.js";

const run = promisify(execFile);
const AGENTE = fileURLToPath(new URL("../../bin/agente", import.meta.url));
const BROWSER = fileURLToPath(new URL("./follow-redirects.mjs", import.meta.url));
const SERVER = "conformance";

const serversSchema = z.array(
  z.looseObject({ name: z.string(), state: z.string(), tools: z.array(z.string()) }),
);

async function agente(args: string[], env: Record<string, string>): Promise<string> {
  try {
    const { stdout, stderr } = await run(process.execPath, [AGENTE, ...args], { env, timeout: 60_000 });
    process.stderr.write(stderr);
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    process.stderr.write(failed.stderr ?? "");
    process.stderr.write(`agente ${args.join(" ")}: exit ${failed.code ?? "?"}\n`);
    return failed.stdout ?? "";
  }
}

/** The CLI's JSON output, or `undefined` when it printed something else (its error went to stderr). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const url = process.argv.at(-1);
const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? "";
if (url === undefined || !url.startsWith("http")) {
  process.stderr.write("usage: client-driver.ts <server-url> (run by the conformance suite)\n");
  process.exit(2);
}
const context = scenarioContextSchema.parse(JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? "{}"));
const folder = await mkdtemp(join(tmpdir(), "agente-conformance-client-"));
try {
  const oauth = oauthEntry(scenario, context);
  const config = join(folder, "agente.json");
  await writeFile(
    config,
    JSON.stringify({
      mcpServers: { [SERVER]: { url, ...(oauth === undefined ? {} : { oauth: oauth.entry }) } },
    }),
  );
  const env: Record<string, string> = {
    ...throwawayUserEnv(folder),
    BROWSER,
    ...oauth?.env,
  };
  const servers = async () =>
    serversSchema.safeParse(parseJson(await agente(["--config", config, "servers", "--json"], env))).data ??
    [];
  let listed = await servers();
  // A server behind OAuth is not up until the user logs in: do what `servers` tells them to.
  if (scenario.startsWith("auth/") && !listed.some((server) => server.state === "up")) {
    await agente(["--config", config, "login", SERVER], env);
    listed = await servers();
  }
  const offered = new Set(listed.flatMap((server) => server.tools));
  const calls = plannedCalls(scenario, context);
  if (scenario === "json-schema-2020-12-preservation") {
    const echo = schemaEchoCall(
      parseJson(await agente(["--config", config, "tools", "list", "--json"], env)),
    );
    if (echo !== undefined) calls.push(echo);
  }
  for (const call of calls) {
    if (!offered.has(call.name)) continue;
    const args = [
      "--config",
      config,
      "tools",
      "call",
      call.name,
      "--args",
      JSON.stringify(call.arguments),
      "--yes",
    ];
    process.stdout.write(await agente(args, env));
  }
} finally {
  await rm(folder, { recursive: true, force: true });
}
