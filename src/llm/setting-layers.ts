/**
 * Picks one setting from flags, environment and config file (in that order of precedence) and validates
 * it with zod, so that a bad value is reported against the place the user wrote it.
 */
import type { z } from "zod";
import { describeUnknownKey, findUnknownKey } from "../config/unknown-keys.js";
import { UserError } from "../util/errors.js";

/** One candidate value and where it came from, e.g. `{ value: "0.2", source: "--temperature" }`. */
export interface SettingCandidate {
  value: unknown;
  /** `--flag`, `ENV_VAR` or `config key model.temperature`. */
  source: string;
}

/** The first candidate whose value is set (not undefined, not an empty string). */
export function firstSet(...candidates: SettingCandidate[]): SettingCandidate | undefined {
  return candidates.find((candidate) => candidate.value !== undefined && candidate.value !== "");
}

/** Validates the first set candidate with `schema`; returns `fallback` when none is set. */
export function pickSetting<T>(schema: z.ZodType<T>, fallback: T, ...candidates: SettingCandidate[]): T {
  const chosen = firstSet(...candidates);
  if (chosen === undefined) return fallback;
  const parsed = schema.safeParse(chosen.value);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues[0]?.message ?? "invalid value";
  throw new UserError(`invalid value ${JSON.stringify(chosen.value)} for ${chosen.source}: ${problem}`, {
    hint: `fix ${chosen.source} or leave it out to use the default`,
  });
}

/**
 * Validates a config section as a plain object with only the known keys; names the bad key on failure
 * (with the closest known key for a typo) and the file, when given.
 */
export function readConfigSection<T>(
  schema: z.ZodType<T>,
  value: unknown,
  sectionName: string,
  file?: string,
): T {
  if (value === undefined) return schema.parse({});
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const where = file === undefined ? "" : `${file}: `;
  const unknown = findUnknownKey(schema, parsed.error.issues, [sectionName]);
  if (unknown !== undefined) {
    throw new UserError(
      `${where}invalid config key ${unknown.unknown.path}: ${describeUnknownKey(unknown.unknown, unknown.known)}`,
      {
        hint: `fix "${sectionName}" in ${file ?? "agente.json"}`,
      },
    );
  }
  const issue = parsed.error.issues[0];
  const path = [sectionName, ...(issue?.path ?? []).map(String)].join(".");
  const keys =
    issue !== undefined && "keys" in issue && Array.isArray(issue.keys) ? ` (${issue.keys.join(", ")})` : "";
  throw new UserError(`${where}invalid config key ${path}${keys}: ${issue?.message ?? "invalid value"}`, {
    hint: `fix "${sectionName}" in agente.json`,
  });
}

/** A number written on the command line or in the environment arrives as a string. */
export function numeric(value: unknown): unknown {
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return value;
}
