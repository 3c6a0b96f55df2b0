/** One question on the terminal (stderr, so stdout stays the command's output); undefined if input ends. */
import { createInterface } from "node:readline";

export function askOnTerminal(question: string): Promise<string | undefined> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    terminal.once("close", () => resolve(undefined));
    terminal.question(question, (reply) => {
      resolve(reply);
      terminal.close();
    });
  });
}
