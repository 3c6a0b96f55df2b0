/**
 * Unknown keys, named with the closest known one. Config sections are strict zod objects; when one
 * rejects a key, this turns zod's `unrecognized_keys` issue into `unknown key "requireAproval"; did you
 * mean "requireApproval"?`, looking up the keys the schema knows at the issue's path.
 */
import { z } from "zod";
import { type LocalisedText, localised } from "../i18n/localised.js";
import { closestWord } from "../util/closest-word.js";

/** Keys that carry comments in our JSON files; allowed (and ignored) everywhere. */
export const COMMENT_KEYS = new Set(["//", "$comment", "_comment"]);

export interface UnknownKey {
  /** Dotted path of the unknown key, e.g. `mcpServers.odoo.requireAproval`. */
  path: string;
  key: string;
  suggestion: string | undefined;
}

/** The problem: `unknown key "x"; did you mean "y"?` (or the known keys when none is close). */
export function describeUnknownKey(unknown: UnknownKey, known: readonly string[]): LocalisedText {
  if (unknown.suggestion !== undefined)
    return localised("errorsConfig.unknownKey.suggest", { key: unknown.key, suggestion: unknown.suggestion });
  return localised("errorsConfig.unknownKey.list", { key: unknown.key, known: known.join(", ") });
}

/** The first unknown key among zod's issues, if any, with the closest key `schema` knows at its place. */
export function findUnknownKey(
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly string[] = [],
): { unknown: UnknownKey; known: string[] } | undefined {
  const issue = issues.find((candidate) => candidate.code === "unrecognized_keys");
  if (issue === undefined || issue.code !== "unrecognized_keys") return undefined;
  const key = issue.keys[0] ?? "";
  const known = knownKeysAt(schema, issue.path.map(String));
  return {
    unknown: {
      path: [...prefix, ...issue.path.map(String), key].join("."),
      key,
      suggestion: closestWord(key, known),
    },
    known,
  };
}

/** The keys of the object schema found by walking `path` (through optional, nullable, default, records). */
export function knownKeysAt(schema: z.ZodType, path: readonly string[]): string[] {
  let current: unknown = schema;
  for (const step of [...path, undefined]) {
    current = unwrap(current);
    if (step === undefined) break;
    if (current instanceof z.ZodObject) current = current.shape[step];
    else if (current instanceof z.ZodRecord) current = current.valueType;
    else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodNullable ||
    current instanceof z.ZodDefault
  ) {
    current = current.unwrap();
  }
  return current;
}
