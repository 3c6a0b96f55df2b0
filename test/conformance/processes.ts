/**
 * The programs the conformance run starts and stops: the conformance server (a child on loopback), and
 * `agente serve` (the built `bin/agente`, a child) with that server as its only MCP server and a scripted
 * model on Ollama's wire, so serve starts without a real model. Every child is ended by its pid.
 */
import { spawn } from "node:child_process";
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import {
  firstLine,
  freeLoopbackPort,
  stopChild,
  throwawayUserEnv,
  waitForServerUp,
} from "../../src/testing/child-processes.js";
import { answer, startScriptedOllama } from "../../src/testing/scripted-ollama.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const AGENTE = join(ROOT, "bin/agente");

export interface Running {
  url: string;
  stop(): Promise<void>;
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
  const first = await firstLine(child, "the conformance server");
  const { url } = z.object({ url: z.string().url() }).parse(JSON.parse(first));
  return {
    url,
    stop: async () => {
      await stopChild(child);
    },
  };
}

/** `agente serve` with `serverUrl` as its only MCP server; resolves with its `/mcp` URL once the server is up. */
export async function startAgenteServe(serverUrl: string): Promise<Running> {
  const folder = await mkdtemp(join(tmpdir(), "agente-conformance-serve-"));
  const model = await startScriptedOllama(answer("(scripted model: the conformance run asks it nothing)"));
  const config = join(folder, "agente.json");
  await writeFile(config, JSON.stringify({ mcpServers: { conformance: { url: serverUrl } } }));
  const port = await freeLoopbackPort();
  const child = spawn(process.execPath, [AGENTE, "--config", config, "serve", "--port", String(port)], {
    cwd: folder,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...throwawayUserEnv(folder), AGENTE_EMBEDDER: "none", OLLAMA_HOST: model.url },
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
  const up = (server: { name: string; state: string }) =>
    server.name === "conformance" && server.state === "up";
  if (await waitForServerUp(base, child, up)) return { url: `${base}/mcp`, stop };
  await stop();
  throw new Error(`agente serve did not come up with the conformance server: ${stderr.trim()}`);
}
