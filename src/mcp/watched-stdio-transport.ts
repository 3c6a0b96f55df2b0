/**
 * The SDK's `StdioClientTransport`, plus how its child ended ("exit code 3", "killed by SIGKILL") to
 * explain a server that stopped. The SDK exposes the child's `pid` but not its exit status, so this
 * finds the `ChildProcess` through Node's public `child_process` diagnostics channel (published for every
 * spawn) and matches it by that pid. Everything else is delegated to the SDK's transport unchanged.
 */
import { ChildProcess } from "node:child_process";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type {
  JSONRPCMessage,
  MessageExtraInfo,
  Transport,
  TransportSendOptions,
} from "@modelcontextprotocol/client";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import type { ServerConfig } from "../config/server-config.js";
import { type LocalisedText, localised } from "../i18n/localised.js";
import { boundStdioMessages } from "./bounded-read-buffer.js";
import type { StderrTail } from "./stderr-tail.js";

const SPAWN_CHANNEL = "child_process";

export type StdioEntry = Extract<ServerConfig, { transport: "stdio" }>;

/**
 * The transport to a stdio server's child: the SDK's, with the message size bounded, stderr lines kept in
 * `stderr` (and each passed to `onStderrLine`), and how the child ended passed to `onExit`.
 */
export function openStdioTransport(
  config: StdioEntry,
  watch: {
    stderr: StderrTail;
    onStderrLine: (line: string) => void;
    onExit: (description: LocalisedText) => void;
  },
): WatchedStdioTransport {
  const sdkTransport = new StdioClientTransport({
    command: config.command,
    args: config.args,
    // Merge over the SDK's safe defaults: a server's own `env` must not wipe PATH or HOME.
    env: { ...getDefaultEnvironment(), ...config.env },
    ...(config.cwd === undefined ? {} : { cwd: config.cwd }),
    stderr: "pipe",
  });
  boundStdioMessages(sdkTransport);
  watch.stderr.attach(sdkTransport.stderr, watch.onStderrLine);
  return new WatchedStdioTransport(sdkTransport, watch.onExit);
}

export class WatchedStdioTransport implements Transport {
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onmessage?: (<T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void) | undefined;
  #pid: number | undefined;

  /** `onExit` receives "exit code N" or "killed by SIGNAL" (as catalogue text) when the child ends. */
  constructor(
    private readonly inner: StdioClientTransport,
    private readonly onExit: (description: LocalisedText) => void,
  ) {}

  /** The child's pid once started; kept after it ended, for reports. */
  get pid(): number | undefined {
    return this.#pid;
  }

  async start(): Promise<void> {
    // The client sets its handlers on this object before starting it; pass the inner transport's on.
    this.inner.onclose = () => this.onclose?.();
    this.inner.onerror = (error) => this.onerror?.(error);
    this.inner.onmessage = (message: JSONRPCMessage) => this.onmessage?.(message);
    const spawned: ChildProcess[] = [];
    const collect = (message: unknown) => {
      if (message !== null && typeof message === "object" && "process" in message) {
        if (message.process instanceof ChildProcess) spawned.push(message.process);
      }
    };
    // Other servers may spawn while this one starts: the pid tells ours apart.
    subscribe(SPAWN_CHANNEL, collect);
    try {
      await this.inner.start();
    } finally {
      unsubscribe(SPAWN_CHANNEL, collect);
    }
    this.#pid = this.inner.pid ?? undefined;
    const child = spawned.find((candidate) => candidate.pid !== undefined && candidate.pid === this.#pid);
    child?.once("exit", (code, signal) => {
      this.onExit(
        signal
          ? localised("errorsHub.exit.signal", { signal })
          : localised("errorsHub.exit.code", { code: String(code) }),
      );
    });
  }

  send(message: JSONRPCMessage, _options?: TransportSendOptions): Promise<void> {
    return this.inner.send(message);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
