/** The chat's input: readline lines as promises, with status lines printed above the prompt. */
import type { Interface } from "node:readline";
import { writeControl } from "../util/terminal-sink.js";
import { stripControlSequences } from "../util/terminal-text.js";

/** Lines from readline as promises; piped input is queued, Ctrl-D (end of input) resolves `undefined`. */
export class LineReader {
  private readonly terminal: Interface;
  private readonly queue: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private closed = false;

  constructor(terminal: Interface) {
    this.terminal = terminal;
    terminal.on("line", (line) => {
      if (this.waiting === undefined) {
        this.queue.push(line);
        return;
      }
      const resolve = this.waiting;
      this.waiting = undefined;
      if (!terminal.terminal) process.stdout.write(`${line}\n`);
      resolve(line);
    });
    terminal.on("close", () => {
      this.closed = true;
      this.waiting?.(undefined);
      this.waiting = undefined;
    });
  }

  /** Ctrl-C on a terminal arrives here, not as a process signal (readline owns the raw terminal). */
  onInterrupt(handler: () => void): void {
    this.terminal.on("SIGINT", handler);
  }

  /**
   * A status line (a server ready, the model checked) printed while the user may be typing: on a terminal
   * it goes above the prompt, which is drawn again with what was typed so far.
   */
  notify(line: string): void {
    if (this.closed || !this.terminal.terminal || this.waiting === undefined) {
      process.stderr.write(`${line}\n`);
      return;
    }
    writeControl(process.stdout, "\r\x1b[K");
    process.stderr.write(`${line}\n`);
    this.terminal.prompt(true);
  }

  prompt(text: string): void {
    if (this.closed) return;
    // readline writes raw (its line editing is cursor movement): a prompt naming a tool is cleaned here.
    this.terminal.setPrompt(stripControlSequences(text));
    this.terminal.prompt();
  }

  ask(question: string): Promise<string | undefined> {
    const queued = this.queue.shift();
    if (queued !== undefined) {
      // Echo piped input after its prompt, so a transcript reads like a session.
      process.stdout.write(`${question}${this.terminal.terminal ? "" : `${queued}\n`}`);
      return Promise.resolve(queued);
    }
    if (this.closed) return Promise.resolve(undefined);
    this.prompt(question);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  close(): void {
    this.terminal.close();
  }
}
