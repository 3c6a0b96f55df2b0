/**
 * Opens the hub for one CLI command and guarantees it closes: on return, on error, and on SIGINT/SIGTERM,
 * so no server child outlives agente.
 */
import type { Command } from "commander";
import type { LoadedConfig } from "../config/load-config.js";
import type { McpHub } from "../mcp/hub.js";
import { globalOptions } from "./global-options.js";
import { openHub } from "./open-hub.js";

export interface HubSession {
  hub: McpHub;
  config: LoadedConfig;
}

export async function withHub<T>(command: Command, work: (session: HubSession) => Promise<T>): Promise<T> {
  const options = globalOptions(command);
  let session: HubSession | undefined;
  let stopping = false;
  // Installed before any server starts, so a Ctrl-C during start-up also ends every child.
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const code = signal === "SIGINT" ? 130 : 143;
    if (session) void session.hub.close().finally(() => process.exit(code));
    else process.exitCode = code;
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    session = await openHub({
      ...(options.config === undefined ? {} : { configPath: options.config }),
      hub: {
        onStderrLine: options.verbose
          ? (server, line) => process.stderr.write(`[${server}] ${line}\n`)
          : undefined,
      },
    });
    if (stopping) {
      await session.hub.close();
      process.exit(process.exitCode);
    }
    return await work(session);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await session?.hub.close();
  }
}
