/**
 * Text files in whatever encoding Windows and Unix machines write them: UTF-8 (with or without BOM),
 * UTF-16 LE/BE (BOM, or the zero-byte pattern of mostly-Latin text), and the 8-bit code pages, chiefly
 * Windows-1252 / Latin-1 on Spanish Windows machines (`facturación`, `Señor Muñoz`). The 8-bit guess
 * comes from `chardet` (ICU's detector) and `iconv-lite` decodes (Node 20's `TextDecoder("windows-1252")`
 * is really Latin-1: it loses `€` and curly quotes). Content is sniffed whatever the file's name: bytes
 * that do not decode to text are refused with the reason.
 */
import chardet from "chardet";
import iconv from "iconv-lite";
import { type LocalisedText, localised } from "../i18n/localised.js";

/** Why bytes are not text: rendered in the reader's language (the CLI's, English for the model). */
export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; reason: LocalisedText };

/** How much of the file the detector and the binary sniffing look at. */
const SAMPLE_BYTES = 64 * 1024;
/** Control characters (other than tab, newlines, form feed, escape) allowed in text, as a share. */
const MAX_CONTROL_SHARE = 0.02;

export function decodeText(bytes: Uint8Array): Decoded {
  const encoding = detectEncoding(bytes);
  if (!encoding.ok) return encoding;
  // Valid UTF-8 in the sample but broken further on is read leniently rather than refused.
  const text = iconv.decode(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    encoding.encoding,
    {
      stripBOM: true,
    },
  );
  const share = controlShare(text.slice(0, SAMPLE_BYTES));
  if (share > MAX_CONTROL_SHARE) {
    return { ok: false, reason: localised("ingest.binaryControl", { percent: Math.round(share * 100) }) };
  }
  return { ok: true, text, encoding: encoding.encoding };
}

/** The encoding of the bytes, or why they are not text. */
export function detectEncoding(
  bytes: Uint8Array,
): { ok: true; encoding: string } | { ok: false; reason: LocalisedText } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { ok: true, encoding: "utf-8" };
  if (startsWith(bytes, [0xff, 0xfe])) return { ok: true, encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff])) return { ok: true, encoding: "utf-16be" };
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const utf16 = utf16WithoutBom(sample);
  if (utf16 !== undefined) return { ok: true, encoding: utf16 };
  if (sample.includes(0)) return { ok: false, reason: localised("ingest.binaryNul") };
  if (isUtf8(sample)) return { ok: true, encoding: "utf-8" };
  return { ok: true, encoding: eightBitEncoding(sample) };
}

/**
 * The 8-bit code page chardet finds likeliest among those iconv-lite knows; Windows-1252 when it has no
 * usable guess. ISO-8859-1 is read as Windows-1252, its superset (as browsers do): `€`, `“”` decode too.
 */
function eightBitEncoding(sample: Uint8Array): string {
  for (const match of chardet.analyse(sample)) {
    const name = match.name.toLowerCase();
    if (name === "iso-8859-1") return "windows-1252";
    if (name.startsWith("utf-") || name.startsWith("iso-2022")) continue;
    if (iconv.encodingExists(name) && match.confidence >= 50) return name;
  }
  return "windows-1252";
}

/** Mostly-ASCII UTF-16 without a BOM: most odd (LE) or even (BE) bytes are zero, the others are not. */
function utf16WithoutBom(sample: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (sample[index] === 0) zeroEven++;
    if (sample[index + 1] === 0) zeroOdd++;
  }
  if (zeroOdd > pairs * 0.6 && zeroEven < pairs * 0.1) return "utf-16le";
  if (zeroEven > pairs * 0.6 && zeroOdd < pairs * 0.1) return "utf-16be";
  return undefined;
}

function isUtf8(sample: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, completeLength(sample)));
    return true;
  } catch {
    return false;
  }
}

/** Drops a multi-byte UTF-8 character cut by the sample window, so it does not count as invalid. */
function completeLength(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0xc0) return bytes.length - back;
    if ((byte & 0x80) === 0) return bytes.length;
  }
  return bytes.length;
}

function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let controls = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const allowed = code === 9 || code === 10 || code === 12 || code === 13 || code === 27;
    if ((code < 32 && !allowed) || code === 0x7f || code === 0xfffd) controls++;
  }
  return controls / text.length;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
