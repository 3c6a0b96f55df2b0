/**
 * A new password for `agente users add|passwd`: typed twice on the terminal without echo, or, when
 * standard input is no terminal (a script, a pipe), its first line, read once.
 */
import { localised } from "../i18n/localised.js";
import type { Translator } from "../i18n/translator.js";
import { UserError } from "../util/errors.js";

export async function readNewPassword(t: Translator, name: string): Promise<string> {
  if (process.stdin.isTTY !== true) return firstLine(await readAll(process.stdin));
  const first = await askHidden(t("team.passwordPrompt", { name }));
  const second = await askHidden(t("team.passwordAgain"));
  if (first !== second) throw new UserError(localised("team.passwordsDiffer"));
  return first;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? "";
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** One line from the terminal in raw mode, echoing nothing; Ctrl-C and Ctrl-D stop the command. */
function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  input.setRawMode(true);
  input.resume();
  input.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let typed = "";
    const done = (error?: Error) => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write("\n");
      if (error === undefined) resolve(typed);
      else reject(error);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === "\r" || character === "\n") return done();
        if (character === "\u0003" || character === "\u0004")
          return done(new UserError(localised("team.passwordCancelled")));
        if (character === "\u007f" || character === "\b") typed = [...typed].slice(0, -1).join("");
        else if (character >= " ") typed += character;
      }
    };
    input.on("data", onData);
  });
}
