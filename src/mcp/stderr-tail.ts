/**
 * Keeps the last lines a child wrote to stderr, to explain why it failed. Lines are handed on whole
 * (a chunk can end mid-line, and a secret cut in two would slip past redaction line by line), and the
 * kept tail starts at a line start for the same reason.
 */
import type { Stream } from "node:stream";
import { meaningfulNpmLine } from "./npm-noise.js";

export class StderrTail {
  private text = "";
  private partial = "";

  constructor(private readonly maxCharacters = 2_000) {}

  attach(stream: Stream | null, onLine?: (line: string) => void): void {
    stream?.on("data", (chunk: Buffer | string) => this.write(chunk.toString(), onLine));
    stream?.on("end", () => this.flush(onLine));
  }

  /** Takes one chunk; `onLine` gets every line it completes. */
  write(piece: string, onLine?: (line: string) => void): void {
    this.text += piece;
    if (this.text.length > this.maxCharacters) {
      const cut = this.text.length - this.maxCharacters;
      const lineStart = this.text.indexOf("\n", cut);
      this.text = lineStart < 0 ? "" : this.text.slice(lineStart + 1);
    }
    const lines = (this.partial + piece).split("\n");
    this.partial = (lines.pop() ?? "").slice(-this.maxCharacters);
    if (onLine) for (const line of lines) if (line.trim() !== "") onLine(line);
  }

  /** Hands on a last line that had no newline (the stream ended). */
  flush(onLine?: (line: string) => void): void {
    const line = this.partial;
    this.partial = "";
    if (onLine && line.trim() !== "") onLine(line);
  }

  /**
   * What the server said last, to fit one status line: npm's meaningful line when `npx` failed (see
   * npm-noise.ts), its last error line when it printed one (a Node stack trace ends with noise such as
   * "Node.js v20"), else its last `lines` lines joined with " | ".
   */
  lastLines(lines = 3): string {
    const all = this.text
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    const npm = meaningfulNpmLine(all);
    if (npm !== undefined) return npm;
    const errors = all.filter((line) => /^(\w*Error\b|error\b|fatal\b)/i.test(line));
    return errors.length > 0 ? (errors.at(-1) ?? "") : all.slice(-lines).join(" | ");
  }

  clear(): void {
    this.text = "";
    this.partial = "";
  }
}
