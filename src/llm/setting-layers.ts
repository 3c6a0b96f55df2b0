/**
 * Picks one setting from flags, environment and config file (in that order of precedence) and validates
 * it with zod, so that a bad value is reported against the place the user wrote it.
 */
import type { z } from "zod";
import { describeUnknownKey, findUnknownKey } from "../config/unknown-keys.js";
import { zodProblem } from "../config/zod-problem.js";
import { localised } from "../i18n/localised.js";
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
  const problem = zodProblem(parsed.error.issues[0]);
  const { source } = chosen;
  throw new UserError(
    localised("errorsConfig.settingValue", { value: JSON.stringify(chosen.value), source, problem }),
    { hint: localised("errorsConfig.settingHint", { source }) },
  );
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
  const where = file === undefined ? "" : localised("errorsConfig.sectionFile", { file });
  const hint = localised("errorsConfig.sectionHint", { section: sectionName, file: file ?? "agente.json" });
  const unknown = findUnknownKey(schema, parsed.error.issues, [sectionName]);
  if (unknown !== undefined) {
    const problem = describeUnknownKey(unknown.unknown, unknown.known);
    throw new UserError(
      localised("errorsConfig.sectionKey", { where, path: unknown.unknown.path, problem }),
      {
        hint,
      },
    );
  }
  const issue = parsed.error.issues[0];
  const path = [sectionName, ...(issue?.path ?? []).map(String)].join(".");
  const keys =
    issue !== undefined && "keys" in issue && Array.isArray(issue.keys) ? ` (${issue.keys.join(", ")})` : "";
  throw new UserError(
    localised("errorsConfig.sectionKey", {
      where,
      path: `${path}${keys}`,
      problem: zodProblem(issue, valueAt(value, issue?.path ?? [])),
    }),
    { hint },
  );
}

/** The value at `path` inside `value` (what the user wrote where zod found the problem). */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** A number written on the command line or in the environment arrives as a string. */
export function numeric(value: unknown): unknown {
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return value;
}
