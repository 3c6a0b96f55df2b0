/**
 * The checks one file passes before and after parsing, so no single file can exhaust memory: its size on
 * disk, what its container (.docx) expands to, and the length of the text it gives. Each refusal is a
 * `UserError` naming the file; ingest records it as that file's failure and goes on with the others.
 */
import type { Translator } from "../i18n/translator.js";
import { UserError } from "../util/errors.js";
import { type InputLimits, mebibytes } from "./input-limits.js";
import type { DocumentKind } from "./parsers.js";
import { measureZipExpansion } from "./zip-expansion.js";

export class InputTooLargeError extends UserError {}

export function guardFileSize(path: string, size: number, limits: InputLimits, t: Translator): void {
  if (size <= limits.maxFileBytes) return;
  throw new InputTooLargeError(
    t("security.ingest.fileTooLarge", {
      path,
      size: mebibytes(size),
      limit: mebibytes(limits.maxFileBytes),
    }),
  );
}

export function guardContainer(
  path: string,
  kind: DocumentKind | "unknown",
  bytes: Uint8Array,
  limits: InputLimits,
  t: Translator,
): void {
  if (kind !== "docx") return;
  const expansion = measureZipExpansion(bytes, limits.maxExtractedBytes);
  if (expansion.ok) return;
  if (expansion.reason === "too-large")
    throw new InputTooLargeError(
      t("security.ingest.extractedTooLarge", { path, limit: mebibytes(limits.maxExtractedBytes) }),
    );
  throw new UserError(`${path} is not a valid .docx (${expansion.detail})`);
}

/**
 * Formats whose text is never longer than the file: plain text decodes to at most one UTF-16 code unit a
 * byte, and markup only loses its tags. The size on disk already bounds them, so a text file allowed by a
 * raised `AGENTE_MAX_FILE_BYTES` is not refused as an expansion.
 */
const NON_EXPANDING: ReadonlySet<DocumentKind> = new Set(["text", "markdown", "csv", "html"]);

export function guardText(
  path: string,
  kind: DocumentKind,
  text: string,
  limits: InputLimits,
  t: Translator,
): void {
  if (NON_EXPANDING.has(kind)) return;
  // UTF-16 code units are at most 3 bytes of UTF-8 each, and usually one: count them as bytes.
  if (text.length <= limits.maxExtractedBytes) return;
  throw new InputTooLargeError(
    t("security.ingest.extractedTooLarge", { path, limit: mebibytes(limits.maxExtractedBytes) }),
  );
}
