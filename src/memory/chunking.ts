/**
 * Splits a document's text into passages sized for a small model's context: a recursive splitter in the
 * manner of LangChain's RecursiveCharacterTextSplitter, tried on Markdown headings first, then paragraphs,
 * lines, sentences and words, with a character overlap between neighbours so a fact cut at a border still
 * appears whole in one passage.
 */

export interface ChunkingOptions {
  /** Most characters in a passage. Default 800 (~200 tokens): three passages fit a 1B model's prompt easily. */
  chunkSize: number;
  /** Characters repeated from the end of one passage at the start of the next. Default 100. */
  chunkOverlap: number;
}

export const DEFAULT_CHUNKING: ChunkingOptions = { chunkSize: 800, chunkOverlap: 100 };

const MARKDOWN_SEPARATORS = [
  "\n# ",
  "\n## ",
  "\n### ",
  "\n#### ",
  "\n\n",
  "\n",
  ". ",
  "? ",
  "! ",
  "; ",
  ", ",
  " ",
  "",
];
const TEXT_SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""];

/** The passages of `text`, trimmed, none empty, each at most `chunkSize` characters. */
export function splitText(
  text: string,
  options: ChunkingOptions = DEFAULT_CHUNKING,
  markdown = false,
): string[] {
  if (options.chunkSize < 1 || options.chunkOverlap < 0 || options.chunkOverlap >= options.chunkSize) {
    throw new RangeError(
      `chunk overlap (${options.chunkOverlap}) must be below the chunk size (${options.chunkSize})`,
    );
  }
  const normalized = text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n");
  const separators = markdown ? MARKDOWN_SEPARATORS : TEXT_SEPARATORS;
  return split(`\n${normalized}`, separators, options)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== "");
}

function split(text: string, separators: string[], options: ChunkingOptions): string[] {
  if (text.length <= options.chunkSize) return [text];
  const index = separators.findIndex((separator) => separator === "" || text.includes(separator));
  const separator = separators[index] ?? "";
  const rest = separators.slice(index + 1);
  const pieces = separator === "" ? [...text] : splitKeepingSeparator(text, separator);
  const chunks: string[] = [];
  let pending: string[] = [];
  for (const piece of pieces) {
    if (piece.length > options.chunkSize) {
      appendAll(chunks, merge(pending, options));
      pending = [];
      appendAll(chunks, split(piece, rest, options));
    } else {
      pending.push(piece);
    }
  }
  appendAll(chunks, merge(pending, options));
  return chunks;
}

/**
 * `target.push(...items)` without the spread: spreading passes every item as an argument, and a 200 MB
 * file's quarter of a million passages overflowed the call stack.
 */
function appendAll(target: string[], items: readonly string[]): void {
  for (const item of items) target.push(item);
}

/** Splits before each separator so a heading stays with the section it opens. */
function splitKeepingSeparator(text: string, separator: string): string[] {
  const parts = text.split(separator);
  return parts.map((part, index) => (index === 0 ? part : separator + part)).filter((part) => part !== "");
}

/** Joins small pieces into passages up to the size, starting each new passage with the overlap's worth of pieces. */
function merge(pieces: string[], options: ChunkingOptions): string[] {
  const chunks: string[] = [];
  const current: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    if (length + piece.length > options.chunkSize && current.length > 0) {
      chunks.push(current.join(""));
      while (
        current.length > 0 &&
        (length > options.chunkOverlap || length + piece.length > options.chunkSize)
      ) {
        length -= current.shift()?.length ?? 0;
      }
    }
    current.push(piece);
    length += piece.length;
  }
  if (current.length > 0) chunks.push(current.join(""));
  return chunks;
}
