/**
 * The host's secret values, read from one place for every entry point: the `env` block of agente.json and
 * the process environment, each read whole (a variable set in both with different values hides both).
 */
import { secretValues } from "../util/secret-redaction.js";

export function hostSecrets(
  configEnv: Record<string, string | undefined>,
  processEnv: Record<string, string | undefined> = process.env,
  extra: readonly string[] = [],
): string[] {
  const all = new Set([...secretValues(configEnv), ...secretValues(processEnv), ...extra]);
  // Longest first, as `secretValues` orders them: a URL is replaced whole before the password inside it.
  return [...all].sort((a, b) => b.length - a.length);
}
