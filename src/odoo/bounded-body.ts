/**
 * Reads an HTTP body with a ceiling: a `Content-Length` over it is refused before reading, and a body
 * that streams past it is cancelled as soon as it does, so an answer of hundreds of megabytes never sits
 * in memory (a 300 MB answer took the Odoo server to 1 GB of RSS).
 */
import { localised } from "../i18n/localised.js";
import { OdooError } from "./odoo-error.js";

/** 32 MiB: far above any page of records the tools ask for. `ODOO_MAX_RESPONSE_BYTES` changes it. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const MIB = 1024 * 1024;

export async function readBoundedText(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(maxBytes);
  }
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(maxBytes: number): OdooError {
  return new OdooError(
    "protocol",
    localised("security.odoo.bodyTooLarge", { limit: (maxBytes / MIB).toFixed(maxBytes < 10 * MIB ? 1 : 0) }),
  );
}

/** `ODOO_MAX_RESPONSE_BYTES`, a whole number of bytes; the default when unset. */
export function maxResponseBytesFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.ODOO_MAX_RESPONSE_BYTES?.trim();
  if (raw === undefined || raw === "") return DEFAULT_MAX_RESPONSE_BYTES;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new OdooError("not-allowed", localised("errorsOdoo.badMaxBytes", { value: raw }));
  return value;
}
