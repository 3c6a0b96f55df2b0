/**
 * The SDK `Client` for one connection attempt: agente's identity, the capabilities and handlers of the
 * hub's hooks (server-requests.ts), the protocol era to ask for, and the list-changed notifications.
 */
import { Client, type LoggingLevel, type RequestOptions } from "@modelcontextprotocol/client";
import { errorMessage } from "../util/errors.js";
import type { ListChangeKind } from "./client-handlers.js";
import type { ServerRequests } from "./server-requests.js";

/** How long `server/discover` may go unanswered before a stdio server is asked the 2025 way instead. */
const PROBE_TIMEOUT_MS = 5_000;

/** `auto`: `server/discover` first (2026-07-28 if answered, else 2025's `initialize`); `legacy`: `initialize`. */
export type Era = "auto" | "legacy";

export interface SdkClientOptions {
  clientInfo: { name: string; version: string };
  era: Era;
  /** The start-up's deadline: the discovery probe never waits longer. */
  timeoutMs: number;
  requests: ServerRequests;
  /** A server said its tools, resources or prompts changed (debounced). */
  onListChanged: (kind: ListChangeKind) => void;
}

export function createSdkClient(options: SdkClientOptions): Client {
  const changed = (kind: ListChangeKind) => ({
    autoRefresh: false,
    debounceMs: 50,
    onChanged: () => options.onListChanged(kind),
  });
  const client = new Client(options.clientInfo, {
    capabilities: options.requests.capabilities(),
    versionNegotiation:
      options.era === "auto"
        ? { mode: "auto", probe: { timeoutMs: Math.min(PROBE_TIMEOUT_MS, options.timeoutMs) } }
        : { mode: "legacy" },
    listChanged: { tools: changed("tools") },
  });
  options.requests.install(client);
  return client;
}

/** `logging/setLevel` once connected, when the server logs; a refusal is told, and does not stop the start-up. */
export async function askLoggingLevel(
  client: Client,
  level: LoggingLevel,
  options: RequestOptions,
  onRefused: (why: string) => void,
): Promise<void> {
  if (!client.getServerCapabilities()?.logging) return;
  await client
    .setLoggingLevel(level, options)
    .catch((error: unknown) => onRefused(`logging/setLevel refused: ${errorMessage(error)}`));
}
