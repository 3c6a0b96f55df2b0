/**
 * The programs the conformance run starts and stops: the conformance server (a child on loopback), and
 * `agente serve` (the built `bin/agente`, a child) with that server as its only MCP server and a scripted
 * model on Ollama's wire, so serve starts without a real model. Every child is ended by its pid.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { answer, startScriptedOllama } from "../../src/testing/scripted-ollama.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const AGENTE = join(ROOT, "bin/agente");

export interface Running {
  url: string;
  stop(): Promise<void>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The conformance server of `server/main.ts`; resolves with its `/mcp` URL once it listens. Its stderr
 * (the SDK's reports of the requests the negative scenarios send on purpose) goes to `logFile`.
 */
export async function startConformanceServer(logFile: string): Promise<Running> {
  const log = await open(logFile, "w");
  // `node --import tsx`, not the `tsx` wrapper: the pid stopped below is then the server's own.
  const child = spawn(process.execPath, ["--import", "tsx", "test/conformance/server/main.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", log.fd],
  });
  child.once("exit", () => void log.close());
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) =>
      reject(new Error(`the conformance server exited (${code}) before listening`)),
    );
  });
  const { url } = z.object({ url: z.string().url() }).parse(JSON.parse(first));
  return { url, stop: () => stopChild(child) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null ? resolve(address.port) : reject(),
      );
    });
  });
}

const healthSchema = z.looseObject({
  servers: z.array(z.looseObject({ name: z.string(), state: z.string() })),
});

/** `agente serve` with `serverUrl` as its only MCP server; resolves with its `/mcp` URL once the server is up. */
export async function startAgenteServe(serverUrl: string): Promise<Running> {
  const folder = await mkdtemp(join(tmpdir(), "agente-conformance-serve-"));
  const model = await startScriptedOllama(answer("(scripted model: the conformance run asks it nothing)"));
  const config = join(folder, "agente.json");
  await writeFile(config, JSON.stringify({ mcpServers: { conformance: { url: serverUrl } } }));
  const port = await freePort();
  const child = spawn(process.execPath, [AGENTE, "--config", config, "serve", "--port", String(port)], {
    cwd: folder,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: folder,
      XDG_CONFIG_HOME: join(folder, ".config"),
      XDG_DATA_HOME: join(folder, ".local/share"),
      XDG_CACHE_HOME: join(folder, ".cache"),
      AGENTE_LANG: "en",
      AGENTE_EMBEDDER: "none",
      OLLAMA_HOST: model.url,
    },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    await model.close();
    await rm(folder, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) break;
    const health = await fetch(`${base}/health`).then(
      async (response) => (response.ok ? healthSchema.parse(await response.json()) : undefined),
      () => undefined,
    );
    if (health?.servers.some((server) => server.name === "conformance" && server.state === "up")) {
      return { url: `${base}/mcp`, stop };
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`agente serve did not come up with the conformance server: ${stderr.trim()}`);
}
