/**
 * The gateway over stdio, for `agente mcp`: one session, the client on the other end of stdin/stdout.
 * stdout carries only the protocol; everything else goes to stderr.
 */
import type { Readable, Writable } from "node:stream";
import { StdioServerTransport, serveStdio } from "@modelcontextprotocol/server/stdio";
import type { GatewayDeps } from "./gateway-deps.js";
import { createSessionServer } from "./session-server.js";

export interface StdioStreams {
  stdin: Readable;
  stdout: Writable;
}

/** Serves until the client closes stdin (or the transport closes); then closes the session. */
export async function serveMcpOverStdio(
  deps: GatewayDeps,
  streams: StdioStreams = { stdin: process.stdin, stdout: process.stdout },
): Promise<void> {
  const session = createSessionServer(deps);
  const transport = new StdioServerTransport(streams.stdin, streams.stdout);
  const ended = new Promise<void>((resolve) => {
    streams.stdin.once("end", resolve);
    streams.stdin.once("close", resolve);
  });
  // Both protocol eras: the client's first message picks 2026-07-28 (server/discover) or 2025 (initialize).
  const serving = serveStdio(() => session.server, {
    transport,
    onerror: (error) => deps.log?.(`MCP over stdio: ${error.message}`),
  });
  try {
    await ended;
  } finally {
    await serving.close();
    await session.close();
  }
}
