/**
 * Exposed tool names: unique across servers and safe for every model API (`[a-zA-Z0-9_-]{1,64}`).
 * A name offered by one server is kept; a name two servers offer becomes `server__tool` on both, so the
 * model never reaches the wrong server by accident.
 */
const UNSAFE = /[^a-zA-Z0-9_-]/g;
export const MAX_NAME_LENGTH = 64;

export function sanitizeName(name: string): string {
  const safe = name.replace(UNSAFE, "_").slice(0, MAX_NAME_LENGTH);
  return safe.length > 0 ? safe : "_";
}

export interface NamedTool {
  server: string;
  originalName: string;
}

/** Assigns exposed names to every tool, in input order. Returns the names in the same order. */
export function exposeNames(tools: NamedTool[]): string[] {
  const serversByName = new Map<string, Set<string>>();
  for (const tool of tools) {
    const servers = serversByName.get(tool.originalName) ?? new Set<string>();
    servers.add(tool.server);
    serversByName.set(tool.originalName, servers);
  }
  const taken = new Set<string>();
  return tools.map((tool) => {
    const clash = (serversByName.get(tool.originalName)?.size ?? 0) > 1;
    const base = sanitizeName(clash ? `${tool.server}__${tool.originalName}` : tool.originalName);
    let name = base;
    // Sanitising or truncating can still collide ("a.b" and "a_b"): number the later ones.
    for (let suffix = 2; taken.has(name); suffix++) {
      const tail = `_${suffix}`;
      name = base.slice(0, MAX_NAME_LENGTH - tail.length) + tail;
    }
    taken.add(name);
    return name;
  });
}

/** Up to `limit` known names that look like `name`: by edit distance, or containing it, or contained in it. */
export function closeMatches(name: string, known: string[], limit = 3): string[] {
  const wanted = name.toLowerCase();
  return known
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const distance = editDistance(wanted, lower);
      const contains = lower.includes(wanted) || wanted.includes(lower) || lower.endsWith(`__${wanted}`);
      return { candidate, score: contains ? Math.min(distance, 1) : distance };
    })
    .filter(
      ({ candidate, score }) => score <= Math.max(2, Math.floor(Math.max(candidate.length, name.length) / 3)),
    )
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
