/**
 * `agente` (no arguments) or `agente chat`: the interactive chat of the seed's `main.py`. `Usuario:` prompt,
 * history across turns, tool calls shown as they happen; `salir`/`exit`/`quit` or Ctrl-D leave, Ctrl-C
 * cancels the current turn and stays.
 */
import { createInterface, type Interface } from "node:readline";
import type { Command } from "commander";
import { Conversation } from "../../agent/conversation.js";
import { chooseApprover, withAgentRuntime } from "../agent-runtime.js";
import { addAgentOptions, type RunFlags } from "../model-options.js";
import { turnFailureLine } from "../turn-failure.js";

const EXIT_WORDS = new Set(["salir", "exit", "quit", "adios", "adiós"]);
const PROMPT = "Usuario: ";

export function registerChatCommand(program: Command): void {
  const chat = program
    .command("chat", { isDefault: true })
    .description("chat with the agent (the default command)")
    .addHelpText(
      "after",
      `
Examples:
  agente                                   chat with the default model (llama3.2:1b on Ollama)
  agente chat --model qwen2.5:3b --verbose show retrieved context, tool choices and model calls
  agente chat --provider llama-cpp --gguf ./models/model.gguf
  Leave with salir, exit or Ctrl-D; Ctrl-C cancels the current turn.`,
    );
  addAgentOptions(chat).action(async (flags: RunFlags, command: Command) => {
    await withAgentRuntime(command, flags, async (runtime) => {
      const lines = new LineReader(
        createInterface({
          input: process.stdin,
          output: process.stdout,
          terminal: process.stdin.isTTY === true,
        }),
      );
      let turn: AbortController | undefined;
      const interrupt = () => {
        if (turn !== undefined) {
          turn.abort();
          return;
        }
        process.stdout.write("\n(escribe salir o pulsa Ctrl-D para terminar)\n");
        lines.prompt(PROMPT);
      };
      lines.onInterrupt(interrupt);
      process.on("SIGINT", interrupt);
      const interactive = process.stdin.isTTY === true;
      const conversation = new Conversation({
        model: runtime.model,
        hub: runtime.toolHub,
        settings: runtime.agentSettings,
        approver: chooseApprover(flags.yes, interactive ? (question) => lines.ask(question) : undefined),
        onEvent: runtime.onEvent,
        ...(runtime.selectTools === undefined ? {} : { selectTools: runtime.selectTools }),
      });
      const servers = runtime.hub
        .statuses()
        .filter((status) => status.state === "up")
        .map((status) => status.name);
      console.log(
        `agente · ${runtime.model.provider}/${runtime.model.model} · ${runtime.hub.tools().length} tools from ${servers.join(", ") || "no servers"} · escribe salir para terminar`,
      );
      try {
        for (;;) {
          const line = await lines.ask(PROMPT);
          if (line === undefined) {
            // Ctrl-D (end of input): end the prompt's line so the shell prompt starts on its own.
            process.stdout.write("\n");
            break;
          }
          const message = line.trim();
          if (message === "") continue;
          if (EXIT_WORDS.has(message.toLowerCase())) break;
          turn = new AbortController();
          try {
            const result = await conversation.send(message, turn.signal);
            console.log(result.stopReason === "cancelled" ? "(cancelado)" : `Agente: ${result.answer}`);
          } catch (error) {
            // The model or a server failed: say so in one line and stay; the history is as before the
            // question, so asking again once the cause is fixed continues the same conversation.
            process.stderr.write(`${turnFailureLine(error)}\n`);
          } finally {
            turn = undefined;
          }
        }
      } finally {
        process.off("SIGINT", interrupt);
        lines.close();
      }
    });
  });
}

/** Lines from readline as promises; piped input is queued, Ctrl-D (end of input) resolves `undefined`. */
class LineReader {
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

  prompt(text: string): void {
    if (this.closed) return;
    this.terminal.setPrompt(text);
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
