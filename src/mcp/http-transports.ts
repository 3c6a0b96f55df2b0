/**
 * The client transports to a server over HTTP, built in one place: Streamable HTTP (the current
 * transport) and the old HTTP+SSE one (protocol 2024-11-05), each with the entry's headers. Whatever a
 * remote server needs on every request (an auth provider, say) is added here, once for both.
 */
import {
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type Transport,
} from "@modelcontextprotocol/client";
import type { ServerConfig } from "../config/server-config.js";

type HttpEntry = Extract<ServerConfig, { transport: "http" | "sse" }>;

export function streamableHttpTransport(config: HttpEntry): Transport {
  return new StreamableHTTPClientTransport(new URL(config.url), { requestInit: { headers: config.headers } });
}

export function legacySseTransport(config: HttpEntry): Transport {
  return new SSEClientTransport(new URL(config.url), { requestInit: { headers: config.headers } });
}
