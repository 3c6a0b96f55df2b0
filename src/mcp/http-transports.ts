/**
 * The client transports to a server over HTTP, built in one place: Streamable HTTP (the current
 * transport) and the old HTTP+SSE one (protocol 2024-11-05), each with the entry's headers (and a URL's
 * `user:pass@`, which fetch refuses, sent as basic auth). Whatever a
 * remote server needs on every request (an auth provider, say) is added here, once for both.
 */
import {
  type OAuthClientProvider,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type Transport,
} from "@modelcontextprotocol/client";
import type { ServerConfig } from "../config/server-config.js";
import { credentialsAsHeader } from "../util/url-credentials.js";
import { keepAliveFetch } from "./keep-alive-fetch.js";
import { ownSignalFetch } from "./own-signal-fetch.js";

type HttpEntry = Extract<ServerConfig, { transport: "http" | "sse" }>;

/** With `authProvider` (src/mcp/oauth) the transport signs in, refreshes and steps up by itself. */
export function streamableHttpTransport(config: HttpEntry, authProvider?: OAuthClientProvider): Transport {
  const target = credentialsAsHeader(config.url, config.headers);
  return new StreamableHTTPClientTransport(new URL(target.url), {
    requestInit: { headers: target.headers },
    // The endpoint's requests on node:http with keep-alive (keep-alive-fetch.ts); the rest on Node's fetch.
    fetch: keepAliveFetch(ownSignalFetch()),
    ...(authProvider === undefined ? {} : { authProvider }),
  });
}

export function legacySseTransport(config: HttpEntry): Transport {
  const target = credentialsAsHeader(config.url, config.headers);
  return new SSEClientTransport(new URL(target.url), { requestInit: { headers: target.headers } });
}
