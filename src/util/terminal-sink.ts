/**
 * The terminal as one sink. `guardTerminal()` (called once, when the `agente` command starts) makes every
 * string written to stdout and stderr pass through `stripControlSequences`, whoever writes it: a server's
 * stderr line, a resource's name, a tool's result, an error quoting a server. No call site has to remember.
 *
 * agente's own control sequences (clearing a progress line, a spinner, readline's line editing) are the only
 * ones that may reach the terminal: they go through `writeControl`, and readline gets `rawOutput(stream)`.
 * A stream that carries a protocol, not text for a person (`agente mcp`'s stdout), is handed back with
 * `releaseTerminal`.
 */
import type { Writable } from "node:stream";
import { stripControlSequences } from "./terminal-text.js";

type Write = Writable["write"];

/** The unguarded `write` of each guarded stream. */
const rawWrites = new WeakMap<Writable, Write>();

export function guardTerminal(streams: readonly Writable[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (rawWrites.has(stream)) continue;
    const write = stream.write;
    rawWrites.set(stream, write);
    // Only text is cleaned: a Buffer is bytes agente chose to write (a file's content asked for as such).
    stream.write = function guardedWrite(this: Writable, chunk: unknown, ...rest: unknown[]): boolean {
      const safe = typeof chunk === "string" ? stripControlSequences(chunk) : chunk;
      return Reflect.apply(write, this, [safe, ...rest]);
    } as Write;
  }
}

/** Gives `stream` its own `write` back (a protocol stream). */
export function releaseTerminal(stream: Writable): void {
  const write = rawWrites.get(stream);
  if (write === undefined) return;
  stream.write = write;
  rawWrites.delete(stream);
}

/** Writes agente's own control sequence (`\r\x1b[K`, a spinner frame) as it is; never text from outside. */
export function writeControl(stream: Writable, sequence: string): void {
  Reflect.apply(rawWrites.get(stream) ?? stream.write, stream, [sequence]);
}

/**
 * `stream` as readline needs it: the same stream (size, TTY, resize events) whose `write` is the raw one,
 * since readline's line editing is made of cursor movements. What readline writes is the prompt (ours) and
 * what the user types.
 */
export function rawOutput<T extends Writable>(stream: T): T {
  return new Proxy(stream, {
    get(target, key) {
      if (key === "write")
        return (...args: unknown[]) => Reflect.apply(rawWrites.get(target) ?? target.write, target, args);
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
