/**
 * `${VAR}`, `${VAR:-default}` and VS Code's `${env:VAR}` in config strings, filled from an environment.
 * Unset variables without a default are collected, not thrown: the caller decides whether that makes a
 * server unusable ("set GOOGLE_MAPS_API_KEY") or is harmless.
 */
const VARIABLE = /\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface Expansion<T> {
  value: T;
  missing: string[];
}

export function expandString(
  text: string,
  env: Record<string, string | undefined>,
  missing: Set<string>,
): string {
  return text.replace(VARIABLE, (_match, name: string, fallback: string | undefined) => {
    const value = env[name];
    if (value !== undefined && value !== "") return value;
    if (fallback !== undefined) return fallback;
    missing.add(name);
    return "";
  });
}

/** Expands every string inside a JSON value (object keys are left alone). */
export function expandVariables<T>(value: T, env: Record<string, string | undefined>): Expansion<T> {
  const missing = new Set<string>();
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return expandString(node, env, missing);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
    }
    return node;
  };
  return { value: walk(value) as T, missing: [...missing] };
}
