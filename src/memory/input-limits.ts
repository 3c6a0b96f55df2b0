/**
 * How much one file may take: its size on disk (`AGENTE_MAX_FILE_BYTES`, default 64 MiB) and what a
 * container format may expand to, or any parser may produce as text (`AGENTE_MAX_EXTRACTED_BYTES`,
 * default 64 MiB, or the file limit when that is raised above it). A file over either limit is refused by name and the rest of the folder goes on.
 */
import { localised } from "../i18n/localised.js";
import { UserError } from "../util/errors.js";

export interface InputLimits {
  maxFileBytes: number;
  maxExtractedBytes: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxFileBytes: 64 * MIB, maxExtractedBytes: 64 * MIB };

export const INPUT_LIMIT_VARIABLES = ["AGENTE_MAX_FILE_BYTES", "AGENTE_MAX_EXTRACTED_BYTES"] as const;

export function inputLimitsFromEnv(env: Record<string, string | undefined>): InputLimits {
  const maxFileBytes = byteCount(env, "AGENTE_MAX_FILE_BYTES", DEFAULT_INPUT_LIMITS.maxFileBytes);
  // Unset, what a file may expand to follows a raised file limit: a file allowed on disk may give as
  // much text as it holds.
  const extractedDefault = Math.max(DEFAULT_INPUT_LIMITS.maxExtractedBytes, maxFileBytes);
  return {
    maxFileBytes,
    maxExtractedBytes: byteCount(env, "AGENTE_MAX_EXTRACTED_BYTES", extractedDefault),
  };
}

export function mebibytes(bytes: number): string {
  return (bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0);
}

function byteCount(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new UserError(localised("errorsMemory.badByteCount", { name, raw }), {
      hint: localised("errorsMemory.badByteCountHint", { name, fallback }),
    });
  return value;
}
