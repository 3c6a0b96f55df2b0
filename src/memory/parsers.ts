/**
 * Extracts plain text from a file's bytes by its type: text and Markdown as they are, HTML through
 * html-to-text, PDF through unpdf (pdf.js), DOCX through mammoth, CSV and JSON as text (JSON pretty-printed
 * so each field lands on its own line). Anything else that looks like text is read as text; binaries are
 * refused so ingest can skip and count them.
 */
import { extname } from "node:path";
import type { LocalisedText } from "../i18n/localised.js";
import { decodeText } from "./text-encoding.js";

export type DocumentKind = "text" | "markdown" | "html" | "pdf" | "docx" | "csv" | "json";

export interface ParsedDocument {
  kind: DocumentKind;
  text: string;
  /** The document's own title (HTML `<title>`, first Markdown heading), when it has one. */
  title: string | undefined;
}

const KINDS_BY_EXTENSION: Record<string, DocumentKind> = {
  ".txt": "text",
  ".text": "text",
  ".log": "text",
  ".rst": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".mdx": "markdown",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".pdf": "pdf",
  ".docx": "docx",
  ".csv": "csv",
  ".tsv": "csv",
  ".json": "json",
  ".jsonl": "text",
};

/** Extensions never worth sniffing: images, archives, media, executables, office formats we do not parse. */
const BINARY_EXTENSIONS = new Set(
  (
    ".png .jpg .jpeg .gif .webp .bmp .ico .tif .tiff .svgz .zip .gz .tgz .bz2 .xz .7z .rar .tar .jar .war .exe .dll .so " +
    ".dylib .bin .o .a .class .pyc .wasm .mp3 .mp4 .m4a .wav .flac .ogg .avi .mov .mkv .webm .woff .woff2 .ttf .otf .eot " +
    ".doc .xls .xlsx .ppt .pptx .odt .ods .odp .sqlite .db .iso .dmg"
  ).split(" "),
);

/** What to do with a file before reading it whole: its kind, or undefined for a sure binary. */
export function kindForPath(path: string): DocumentKind | "unknown" | undefined {
  const extension = extname(path).toLowerCase();
  if (BINARY_EXTENSIONS.has(extension)) return undefined;
  return KINDS_BY_EXTENSION[extension] ?? "unknown";
}

/** True when the bytes look like text: no NUL byte in the first 8 KiB and valid UTF-8. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, lastCompleteCharacter(head)));
    return true;
  } catch {
    return false;
  }
}

/** Cuts at most 3 trailing bytes so a multi-byte character split by the 8 KiB window does not fail decoding. */
function lastCompleteCharacter(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0xc0) return bytes.length - back;
    if ((byte & 0x80) === 0) return bytes.length;
  }
  return bytes.length;
}

/** Parses the bytes of a file of the given kind (`unknown` means: text if it looks like text). */
export async function parseDocument(
  bytes: Uint8Array,
  kind: DocumentKind | "unknown",
): Promise<ParsedDocument | undefined> {
  const parsed = await parseDocumentOrSkip(bytes, kind);
  return "skipped" in parsed ? undefined : parsed;
}

/**
 * Parses the bytes of a file, or says why it is skipped. Text formats are decoded from whatever encoding
 * they are in (UTF-8, UTF-16, Windows-1252 …) and sniffed: binary content is skipped whatever the name.
 */
export async function parseDocumentOrSkip(
  bytes: Uint8Array,
  kind: DocumentKind | "unknown",
): Promise<ParsedDocument | { skipped: LocalisedText }> {
  if (kind === "pdf") return parsePdf(bytes);
  if (kind === "docx") return parseDocx(bytes);
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { skipped: decoded.reason };
  const text = decoded.text;
  switch (kind) {
    case "unknown":
    case "text":
      return { kind: "text", text, title: undefined };
    case "csv":
      return { kind, text, title: undefined };
    case "markdown":
      return { kind, text, title: text.match(/^#\s+(.+)$/m)?.[1]?.trim() };
    case "json":
      return { kind, text: prettyJson(text), title: undefined };
    case "html":
      return parseHtml(text);
  }
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 1);
  } catch {
    return text;
  }
}

async function parseHtml(html: string): Promise<ParsedDocument> {
  const { convert } = await import("html-to-text");
  const title = html.match(/<title[^>]*>([^<]*)<\/title>/i)?.[1]?.trim();
  const text = convert(html, {
    wordwrap: false,
    selectors: [
      { selector: "a", options: { ignoreHref: true } },
      { selector: "img", format: "skip" },
      { selector: "nav", format: "skip" },
      { selector: "script", format: "skip" },
      { selector: "style", format: "skip" },
    ],
  });
  return { kind: "html", text, title: title || undefined };
}

/** pdf.js's `VerbosityLevel.ERRORS`. */
const PDF_ERRORS_ONLY = 0;

async function parsePdf(bytes: Uint8Array): Promise<ParsedDocument> {
  const { extractText, getDocumentProxy } = await import("unpdf");
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy. Its warnings
  // (`Warning: Indexing all PDF objects` for a broken file) go to console.log, which is the protocol's
  // stdout in the memory server and noise in the terminal: errors only. A PDF it cannot read still throws,
  // and ingest reports that file as failed.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: PDF_ERRORS_ONLY });
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    const metadata = await pdf.getMetadata().catch(() => undefined);
    const info = metadata?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === "string" && info.Title.trim() !== "" ? info.Title.trim() : undefined;
    return { kind: "pdf", text: text.join("\n\n"), title };
  } finally {
    await pdf.destroy();
  }
}

async function parseDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  const mammoth = await import("mammoth");
  const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return { kind: "docx", text: result.value, title: undefined };
}
