/**
 * The one home of URLs that may carry credentials (`http://user:pass@host`, as in ODOO_URL, OLLAMA_HOST,
 * an MCP server's `url`, a model mirror or a PostgreSQL DSN):
 * - `moveCredentialsToHeader` / `credentialsAsHeader`: `fetch` refuses such URLs (and its error quotes the
 *   URL, password included), so they are taken out and sent as HTTP basic auth instead, unless the request
 *   already carries an `Authorization` header;
 * - `displayUrl`: the URL as it may be shown (no user info, query string or fragment);
 * - `urlPasswordForms`: the password a URL holds, as written and decoded (what the redactor hides).
 */

export interface CredentialRequest {
  url: string;
  init: RequestInit;
}

/** `url` without its user info, and the Basic `authorization` value for it (undefined when it had none). */
export function splitCredentials(url: string): { url: string; authorization: string | undefined } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, authorization: undefined };
  }
  if (parsed.username === "" && parsed.password === "") return { url, authorization: undefined };
  const credentials = `${safeDecode(parsed.username)}:${safeDecode(parsed.password)}`;
  parsed.username = "";
  parsed.password = "";
  return { url: parsed.toString(), authorization: `Basic ${Buffer.from(credentials).toString("base64")}` };
}

/** A `fetch` request for `url`: its credentials moved to basic auth. */
export function moveCredentialsToHeader(url: string, init: RequestInit = {}): CredentialRequest {
  const split = splitCredentials(url);
  if (split.authorization === undefined) return { url, init };
  const headers = new Headers(init.headers);
  if (!headers.has("authorization")) headers.set("authorization", split.authorization);
  return { url: split.url, init: { ...init, headers } };
}

/** The same for a plain header record (an MCP transport's `requestInit`): an explicit header wins. */
export function credentialsAsHeader(
  url: string,
  headers: Readonly<Record<string, string>> = {},
): { url: string; headers: Record<string, string> } {
  const split = splitCredentials(url);
  const hasAuthorization = Object.keys(headers).some((name) => name.toLowerCase() === "authorization");
  if (split.authorization === undefined || hasAuthorization)
    return { url: split.url, headers: { ...headers } };
  return { url: split.url, headers: { ...headers, authorization: split.authorization } };
}

/** The URL as it may be shown in messages and traces: no user info, query string or fragment. */
export function displayUrl(value: string): string {
  try {
    const url = new URL(value);
    url.username = "";
    url.password = "";
    url.search = "";
    url.hash = "";
    return url.toString().replace(/\/+$/, "");
  } catch {
    return "(invalid URL)";
  }
}

/** A URL password this short is still hidden when it sits in a URL (the URL itself is longer). */
const MIN_URL_PASSWORD_LENGTH = 3;

/** The password of a URL with credentials, as written (percent-encoded) and decoded; undefined otherwise. */
export function urlPasswordForms(value: string): string[] | undefined {
  // Read the authority by hand: `new URL` refuses some schemes' passwords and re-encodes others.
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(value.trim())?.[1];
  if (authority === undefined) return undefined;
  const colon = authority.indexOf(":");
  if (colon < 0) return undefined;
  const written = authority.slice(colon + 1);
  if (written.length < MIN_URL_PASSWORD_LENGTH) return undefined;
  const decoded = safeDecode(written);
  return decoded === written ? [written] : [written, decoded];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
