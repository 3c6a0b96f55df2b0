/** One question on the terminal (stderr, so stdout stays the command's output); undefined if input ends. */
import { createInterface } from "node:readline";
import { rawOutput } from "../util/terminal-sink.js";
import { stripControlSequences } from "../util/terminal-text.js";

export function askOnTerminal(question: string): Promise<string | undefined> {
  const terminal = createInterface({ input: process.stdin, output: rawOutput(process.stderr) });
  return new Promise((resolve) => {
    terminal.once("close", () => resolve(undefined));
    // readline writes raw (its line editing is cursor movement): the question, naming a tool, is cleaned here.
    terminal.question(stripControlSequences(question), (reply) => {
      resolve(reply);
      terminal.close();
    });
  });
}
