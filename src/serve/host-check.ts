/**
 * DNS-rebinding protection (the MCP spec asks it of every Streamable HTTP server on loopback). A page on
 * an attacker's site can make its own name resolve to 127.0.0.1 and then reach `agente serve` on loopback
 * from the user's browser; without an API key nothing else would stop it. Such a request still carries
 * the attacker's name in `Host` (and its origin in `Origin`), so on loopback without a key the server
 * answers only to a loopback name with its own port, or a name listed in `AGENTE_ALLOWED_HOSTS`, and to
 * browser requests from that same origin (or the configured CORS origin).
 */

export interface HostCheck {
  /** Extra names the server answers to (`AGENTE_ALLOWED_HOSTS`): `name` (any port) or `name:port`. */
  allowedHosts: readonly string[];
  /** The one cross-origin caller allowed (`AGENTE_CORS_ORIGIN`), if any. */
  corsOrigin?: string;
}

const HOST_SHAPE = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

const LOOPBACK_NAMES = new Set(["localhost", "[::1]"]);

function isLoopbackName(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** `Host` as a URL's hostname and port (the scheme's default port when it names none), or undefined. */
function parseHost(host: string, scheme: string): { hostname: string; port: string } | undefined {
  // Only a name or address and a port: nothing a URL parser would read as a path or credentials.
  if (!HOST_SHAPE.test(host)) return undefined;
  try {
    const url = new URL(`${scheme}://${host}`);
    return { hostname: url.hostname, port: url.port || (scheme === "https" ? "443" : "80") };
  } catch {
    return undefined;
  }
}

function listed(hostname: string, port: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((entry) => {
    const wanted = parseHost(entry.trim().toLowerCase(), "http");
    if (wanted === undefined) return false;
    const givesPort = /:\d+$/.test(entry.trim());
    return wanted.hostname === hostname && (!givesPort || wanted.port === port);
  });
}

/**
 * Why a request must be refused, or undefined when it may go on. `localPort` is the port the connection
 * arrived on (the bound port, also when the server was asked for port 0).
 */
export function refusedHost(
  request: {
    host: string | undefined;
    origin: string | undefined;
    localPort: number | undefined;
    scheme: string;
  },
  check: HostCheck,
): string | undefined {
  const host = request.host === undefined ? undefined : parseHost(request.host, request.scheme);
  if (host === undefined) return `the Host header ${JSON.stringify(request.host ?? "")} is not allowed`;
  const loopbackWithPort = isLoopbackName(host.hostname) && host.port === String(request.localPort);
  if (!loopbackWithPort && !listed(host.hostname, host.port, check.allowedHosts))
    return `the Host header ${JSON.stringify(request.host)} is not allowed: add the name to AGENTE_ALLOWED_HOSTS`;
  const origin = request.origin;
  if (origin === undefined || origin === check.corsOrigin || sameOrigin(origin, request.host ?? ""))
    return undefined;
  return `the Origin ${JSON.stringify(origin)} is not allowed`;
}

/**
 * Whether a browser's `Origin` names the host it sent the request to. The scheme is not compared: behind a
 * TLS proxy the page is https while the server sees http, and a rebinding page differs in its name.
 */
export function sameOrigin(origin: string, host: string): boolean {
  try {
    const url = new URL(origin);
    const scheme = url.protocol.replace(/:$/, "");
    const sent = parseHost(host, scheme);
    const named = parseHost(url.host, scheme);
    return (
      sent !== undefined &&
      named !== undefined &&
      sent.hostname === named.hostname &&
      sent.port === named.port
    );
  } catch {
    return false;
  }
}
