/**
 * Credentials written into a URL (`http://user:pass@host`, as in ODOO_URL or OLLAMA_HOST): `fetch` refuses
 * such URLs (and its error quotes the URL, password included). They are taken out of the URL and sent as
 * HTTP basic auth instead, unless the request already carries an `Authorization` header.
 */

export interface CredentialRequest {
  url: string;
  init: RequestInit;
}

export function moveCredentialsToHeader(url: string, init: RequestInit = {}): CredentialRequest {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, init };
  }
  if (parsed.username === "" && parsed.password === "") return { url, init };
  const user = safeDecode(parsed.username);
  const password = safeDecode(parsed.password);
  parsed.username = "";
  parsed.password = "";
  const headers = new Headers(init.headers);
  if (!headers.has("authorization"))
    headers.set("authorization", `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`);
  return { url: parsed.toString(), init: { ...init, headers } };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
