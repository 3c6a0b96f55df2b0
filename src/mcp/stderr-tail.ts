/** Keeps the last lines a child wrote to stderr, to explain why it failed. */
import type { Stream } from "node:stream";

export class StderrTail {
  private text = "";

  constructor(private readonly maxCharacters = 2_000) {}

  attach(stream: Stream | null, onLine?: (line: string) => void): void {
    stream?.on("data", (chunk: Buffer | string) => {
      const piece = chunk.toString();
      this.text = (this.text + piece).slice(-this.maxCharacters);
      if (onLine) for (const line of piece.split("\n")) if (line.trim() !== "") onLine(line);
    });
  }

  /**
   * What the server said last, to fit one status line: its last error line when it printed one (a Node
   * stack trace ends with noise such as "Node.js v20"), else its last `lines` lines joined with " | ".
   */
  lastLines(lines = 3): string {
    const all = this.text
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    const errors = all.filter((line) => /^(\w*Error\b|error\b|fatal\b)/i.test(line));
    return errors.length > 0 ? (errors.at(-1) ?? "") : all.slice(-lines).join(" | ");
  }

  clear(): void {
    this.text = "";
  }
}
