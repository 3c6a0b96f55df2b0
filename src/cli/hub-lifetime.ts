/**
 * The one lifetime of a hub inside a CLI command: opened from the config, closed on return, on error and
 * on the signals the command gives up to it, so no server child outlives agente. Commands that handle
 * Ctrl-C themselves (a chat cancels the turn) leave SIGINT out.
 */
import { constants } from "node:os";
import type { Command } from "commander";
import type { LoadedConfig } from "../config/load-config.js";
import { createTranslator } from "../i18n/translator.js";
import type { McpHub, ServerStatus } from "../mcp/hub.js";
import { beginHub, openHub } from "../runtime/open-hub.js";
import { cliClientHooks } from "./client-hooks.js";
import { globalOptions } from "./global-options.js";
import type { Sampler } from "./server-questions.js";

export interface HubSession {
  hub: McpHub;
  config: LoadedConfig;
}

export interface Closable {
  close(): Promise<void>;
}

export interface HubLifetime extends HubSession {
  /** Also closes `closable` (a model, say) before agente exits on one of the signals. */
  closeOnSignal(closable: Closable): void;
  /** Settles when every server has connected or failed (at once unless started in the background). */
  ready: Promise<void>;
  /** agente's model answers the servers' sampling requests from now on (after the person approves). */
  setSampler(sampler: Sampler): void;
}

/** Connect the servers in the background (the chat): the work starts at once, `onServer` hears each one. */
export interface BackgroundStart {
  onServer: (status: ServerStatus) => void;
}

export async function withHubLifetime<T>(
  command: Command,
  signals: readonly NodeJS.Signals[],
  work: (lifetime: HubLifetime) => Promise<T>,
  background?: BackgroundStart,
): Promise<T> {
  const options = globalOptions(command);
  const closables: Closable[] = [];
  let session: (HubSession & { ready: Promise<void> }) | undefined;
  let stopping = false;
  // Installed before any server starts, so a signal during start-up also ends every child.
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const code = 128 + constants.signals[signal];
    if (session) {
      const open = session;
      void Promise.allSettled([...closables.map((closable) => closable.close()), open.hub.close()]).finally(
        () => process.exit(code),
      );
    } else process.exitCode = code;
  };
  for (const signal of signals) process.on(signal, stop);
  // `--yes` of the command itself (`tools call --yes`, `ask --yes`) also answers the servers' questions.
  const yes = (command.optsWithGlobals() as { yes?: unknown }).yes === true;
  const client = cliClientHooks({
    yes,
    verbose: options.verbose,
    translate: createTranslator(options.language),
  });
  try {
    const hubOptions = {
      ...(options.config === undefined ? {} : { configPath: options.config }),
      language: options.language,
      hub: {
        ...client.hooks,
        onStderrLine: options.verbose
          ? (server: string, line: string) => process.stderr.write(`[${server}] ${line}\n`)
          : undefined,
      },
    };
    session =
      background === undefined
        ? { ...(await openHub(hubOptions)), ready: Promise.resolve() }
        : await beginHub(hubOptions, background.onServer);
    if (stopping) {
      await session.hub.close();
      process.exit(process.exitCode);
    }
    return await work({
      ...session,
      closeOnSignal: (closable) => closables.push(closable),
      setSampler: client.setSampler,
    });
  } finally {
    for (const signal of signals) process.off(signal, stop);
    await session?.hub.close();
  }
}
