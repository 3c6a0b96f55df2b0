/**
 * A model URL as it may be shown: no user name, password, query string or fragment (signed mirrors and
 * private file servers put tokens there).
 */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    url.username = "";
    url.password = "";
    url.search = "";
    url.hash = "";
    return url.toString();
  } catch {
    return "(invalid URL)";
  }
}

/**
 * The URL to request and its headers: fetch refuses URLs with credentials, so `https://user:pass@host/…`
 * becomes a Basic `authorization` header.
 */
export function requestTarget(value: string): { url: string; headers: Record<string, string> } {
  const url = new URL(value);
  if (url.username === "" && url.password === "") return { url: url.toString(), headers: {} };
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = "";
  url.password = "";
  return {
    url: url.toString(),
    headers: { authorization: `Basic ${Buffer.from(credentials).toString("base64")}` },
  };
}
