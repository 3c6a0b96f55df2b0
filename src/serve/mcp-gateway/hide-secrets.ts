/**
 * The secret guard over whole protocol results: every string inside (text, structured content, resource
 * contents, descriptions, error messages) goes through `hideSecrets`, so nothing the gateway returns carries
 * one of the host's secret values.
 */
import { hideSecrets } from "../../agent/secret-guard.js";

export function hideSecretsDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  // Only strings change, and they stay strings: the copy has the shape of the original.
  return walk(value, secrets) as T;
}

function walk(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return hideSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((entry) => walk(entry, secrets));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, walk(entry, secrets)]));
  }
  return value;
}
