/**
 * The real `McpConnection`: one official-SDK `Client` per server, kept for the whole run.
 *
 * Supervision: when the transport closes unexpectedly (the child exited, was killed, or an HTTP server
 * went away) the connection marks itself `restarting`, reconnects with exponential backoff, and a call that
 * arrives meanwhile triggers the reconnect at once and waits for it. A call in flight when the server dies
 * fails; it is never re-sent, because the tool may already have acted.
 */
import type {
  CallToolResult,
  Client,
  CompleteRequestParams,
  CompleteResult,
  GetPromptResult,
  LoggingLevel,
  Prompt,
  ReadResourceResult,
  RequestOptions,
  Resource,
  ResourceTemplateType,
  Tool,
  Transport,
} from "@modelcontextprotocol/client";
import { SdkError, SdkErrorCode, SdkHttpError } from "@modelcontextprotocol/client";
import { CallToolResultSchema } from "@modelcontextprotocol/core";
import type { ServerConfig } from "../config/server-config.js";
import { inEnglish, type LocalisedParam, type LocalisedText, localised } from "../i18n/localised.js";
import { errorMessage } from "../util/errors.js";
import { parseReply } from "../util/parse-reply.js";
import { agenteVersion } from "../util/version.js";
import { callFailure } from "./call-failure.js";
import type {
  ConnectionCallOptions,
  ConnectionState,
  ConnectionStatus,
  McpConnection,
} from "./connection.js";
import { ServerUnavailableError } from "./errors.js";
import { type ForwardOptions, forwardRequest, relayLogs } from "./forwarding.js";
import { legacySseTransport, streamableHttpTransport } from "./http-transports.js";
import type { AgenteOAuthProvider } from "./oauth/oauth-provider.js";
import { oauthHostFromEnvironment, oauthSessionFor, withSignIn } from "./oauth/oauth-session.js";
import { RestartBackoff } from "./restart-backoff.js";
import { askLoggingLevel, createSdkClient, type Era } from "./sdk-client.js";
import { callRequestOptions, type SdkConnectionOptions } from "./sdk-connection-options.js";
import { completionOf, promptsOf, resourcesOf, resourceTemplatesOf } from "./server-features.js";
import { ServerRequests } from "./server-requests.js";
import { describeStartFailure, exitDetails, isProbeFailure } from "./start-failure.js";
import { StderrTail } from "./stderr-tail.js";
import { untilAborted } from "./until-aborted.js";
import {
  openStdioTransport,
  type StdioEntry,
  type WatchedStdioTransport,
} from "./watched-stdio-transport.js";

/** The deadline of one start-up: the SDK's per-request `timeout` plus one `signal` for all of its steps. */
type StartupOptions = Required<Pick<RequestOptions, "timeout" | "signal">>;

export class SdkConnection implements McpConnection {
  onToolsChanged: (() => void) | undefined;

  private client: Client | undefined;
  private state: ConnectionState;
  private reason: LocalisedText | undefined;
  private transportKind: string;
  private toolList: Tool[] = [];
  private connecting: Promise<void> | undefined;
  private readonly backoff: RestartBackoff;
  private restarts = 0;
  /** `legacy` once a stdio server died of the discovery probe: it is asked with `initialize` from then on. */
  private era: Era = "auto";
  private everUp = false;
  private upSince = 0;
  private closed = false;
  private stdio: WatchedStdioTransport | undefined;
  private exitDescription: LocalisedText | undefined;
  private readonly stderr = new StderrTail();
  private readonly requests: ServerRequests;
  /** OAuth (src/mcp/oauth): the provider of a Streamable HTTP server, for step-up on calls. */
  private oauth: { provider: AgenteOAuthProvider | undefined; url: string } | undefined;
  /** Transports opened by the current attempt, closed if it times out. */
  private pending: Transport[] = [];

  constructor(
    readonly config: ServerConfig,
    private readonly options: SdkConnectionOptions = {},
  ) {
    this.state = config.disabled ? "disabled" : "down";
    this.reason = localised(config.disabled ? "errorsHub.reason.disabled" : "errorsHub.reason.notConnected");
    this.transportKind = config.transport === "http" ? "streamable-http" : config.transport;
    this.backoff = new RestartBackoff(options.restartDelayMs ?? 250, options.maxRestartDelayMs ?? 30_000);
    this.requests = new ServerRequests(config.name, options.hooks ?? {});
  }

  status(): ConnectionStatus {
    const info = this.client?.getServerVersion();
    return {
      state: this.state,
      reason: this.state === "up" || this.reason === undefined ? undefined : inEnglish(this.reason),
      reasonText: this.state === "up" ? undefined : this.reason,
      transport: this.transportKind,
      restarts: this.restarts,
      serverInfo: info ? { name: info.name, version: info.version } : undefined,
      protocolVersion: this.state === "up" ? this.client?.getNegotiatedProtocolVersion() : undefined,
      pid: this.stdio?.pid,
    };
  }

  tools(): Tool[] {
    return this.everUp && this.state !== "disabled" ? this.toolList : [];
  }

  connect(): Promise<void> {
    if (this.closed || this.state === "disabled" || this.state === "up") return Promise.resolve();
    if (this.config.missingVariables.length > 0) {
      this.state = "down";
      const names = this.config.missingVariables;
      this.reason = localised(names.length > 1 ? "errorsHub.reason.needsMany" : "errorsHub.reason.needsOne", {
        names: names.join(", "),
      });
      return Promise.resolve();
    }
    this.connecting ??= this.establish().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: ConnectionCallOptions = {},
  ): Promise<CallToolResult> {
    const client = await this.readyClient();
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    try {
      // The SDK's callTool mirrors `x-mcp-header` parameters (2026-07-28) and checks `structuredContent`
      // against the tool's `outputSchema` (a mismatch is a ProtocolError: an error result, below).
      const params = {
        name,
        arguments: args,
        ...(options.meta === undefined ? {} : { _meta: options.meta }),
      };
      const call = () =>
        this.requests.during(options, () => client.callTool(params, callRequestOptions(options, timeoutMs)));
      // OAuth (src/mcp/oauth): after a step-up sign-in (403 insufficient_scope) the refused call goes again.
      const oauth = this.oauth;
      const result = await (oauth === undefined ? call() : withSignIn(oauth.provider, oauth.url, call));
      return parseReply(CallToolResultSchema, result, { what: this.resultSource(name) });
    } catch (error) {
      return callFailure(error, {
        server: this.config.name,
        tool: name,
        timeoutMs,
        what: this.resultSource(name),
        exitDetails: () => this.exitSuffix(),
      });
    }
  }

  async forward(method: string, params: Record<string, unknown>, options: ForwardOptions = {}) {
    return forwardRequest(await this.readyClient(), method, params, options, this.config.timeoutMs);
  }

  serverCapabilities() {
    return this.state === "up" ? this.client?.getServerCapabilities() : undefined;
  }

  async listResources(): Promise<Resource[]> {
    return resourcesOf(await this.readyClient());
  }

  async readResource(uri: string): Promise<ReadResourceResult> {
    return (await this.readyClient()).readResource({ uri });
  }

  async listPrompts(): Promise<Prompt[]> {
    return promptsOf(await this.readyClient());
  }

  async getPrompt(name: string, args: Record<string, string>): Promise<GetPromptResult> {
    return (await this.readyClient()).getPrompt({ name, arguments: args });
  }

  async listResourceTemplates(): Promise<ResourceTemplateType[]> {
    return resourceTemplatesOf(await this.readyClient());
  }

  async subscribeResource(uri: string, subscribe: boolean): Promise<void> {
    const client = await this.readyClient();
    await (subscribe ? client.subscribeResource({ uri }) : client.unsubscribeResource({ uri }));
  }

  async complete(params: CompleteRequestParams): Promise<CompleteResult> {
    return completionOf(await this.readyClient(), params);
  }

  async setLoggingLevel(level: LoggingLevel): Promise<void> {
    const client = this.state === "up" ? this.client : undefined;
    if (client?.getServerCapabilities()?.logging) await client.setLoggingLevel(level);
  }

  async rootsChanged(): Promise<void> {
    const client = this.state === "up" ? this.client : undefined;
    if (client !== undefined && client.getProtocolEra() !== "modern") await client.sendRootsListChanged();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.backoff.cancel();
    const client = this.client;
    this.client = undefined;
    const pending = this.pending;
    this.pending = [];
    await Promise.allSettled([client?.close(), ...pending.map((transport) => transport.close())]);
    if (this.state !== "disabled") {
      this.state = "down";
      this.reason = localised("errorsHub.reason.closed");
    }
  }

  /** The client of an up server, reconnecting first (without waiting for the backoff) if it is down. */
  private async readyClient(): Promise<Client> {
    if (this.state === "disabled")
      throw new ServerUnavailableError(this.config.name, localised("errorsHub.reason.disabled"));
    if (this.closed)
      throw new ServerUnavailableError(this.config.name, localised("errorsHub.reason.hubClosed"));
    if (this.state !== "up") {
      this.backoff.cancel();
      await this.connect();
    }
    if (this.state !== "up" || this.client === undefined) {
      throw new ServerUnavailableError(this.config.name, this.reason ?? this.state);
    }
    return this.client;
  }

  private async establish(): Promise<void> {
    this.state = this.everUp ? "restarting" : "starting";
    this.exitDescription = undefined;
    this.stderr.clear();
    // One deadline for the whole start-up (spawn or request, initialize, first tool list). Not
    // `AbortSignal.timeout`: the SDK keeps listening to a request's signal after it completed, and would
    // send the server a cancellation for its finished initialize when the signal fired later.
    const limit = this.config.connectTimeoutMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error(`did not start within ${limit} ms`)), limit);
    const startup: StartupOptions = { timeout: limit, signal: deadline.signal };
    try {
      const client = await this.open(startup);
      this.pending = [];
      if (this.closed) {
        await client.close();
        return;
      }
      this.client = client;
      await this.refreshTools(client, startup);
      this.state = "up";
      this.reason = undefined;
      this.upSince = Date.now();
      if (this.everUp) this.restarts++;
      this.everUp = true;
      this.onToolsChanged?.();
    } catch (error) {
      const pending = this.pending;
      this.pending = [];
      this.client = undefined;
      await Promise.allSettled(pending.map((transport) => transport.close()));
      this.state = this.everUp ? "restarting" : "down";
      const timedOut =
        error === startup.signal.reason ||
        (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout);
      this.reason = timedOut
        ? localised("errorsHub.reason.startTimeout", { ms: limit })
        : describeStartFailure(error, this.config, () => this.exitSuffix());
      if (this.everUp) this.scheduleRestart();
    } finally {
      clearTimeout(timer);
    }
  }

  private async open(startup: StartupOptions): Promise<Client> {
    const config = this.config;
    if (config.transport === "stdio") {
      try {
        return await this.attach(this.stdioTransport(config), startup, this.era);
      } catch (error) {
        // Some stdio servers exit on (or ignore) any request before `initialize`: ask again the 2025 way.
        if (this.era === "legacy" || !isProbeFailure(error, !startup.signal.aborted)) throw error;
        this.era = "legacy";
        return this.attach(this.stdioTransport(config), startup, "legacy");
      }
    }
    if (config.transport === "sse") {
      this.transportKind = "sse";
      return this.attach(legacySseTransport(config), startup, "legacy");
    }
    try {
      this.transportKind = "streamable-http";
      // OAuth (src/mcp/oauth): the provider goes to the transport; withSignIn reconnects after a sign-in.
      const authProvider = await oauthSessionFor(
        config,
        this.options.oauth ?? oauthHostFromEnvironment(process.env),
      );
      this.oauth = { provider: authProvider, url: config.url };
      return await withSignIn(authProvider, config.url, () =>
        this.attach(streamableHttpTransport(config, authProvider), startup, "auto"),
      );
    } catch (error) {
      // Servers of the 2024-11-05 protocol answer the Streamable HTTP POST with 4xx: try their SSE endpoint.
      const status = error instanceof SdkHttpError ? error.status : undefined;
      if (status === undefined || status < 400 || status >= 500 || status === 401 || status === 403)
        throw error;
      this.transportKind = "sse";
      return this.attach(legacySseTransport(config), startup, "legacy");
    }
  }

  private stdioTransport(config: StdioEntry): Transport {
    const transport = openStdioTransport(config, {
      stderr: this.stderr,
      onStderrLine: (line) => this.options.onStderrLine?.(config.name, line),
      onExit: (description) => {
        if (this.stdio === transport) this.exitDescription = description;
      },
    });
    this.stdio = transport;
    this.transportKind = "stdio";
    return transport;
  }

  private async attach(transport: Transport, startup: StartupOptions, era: Era): Promise<Client> {
    this.pending.push(transport);
    const client: Client = createSdkClient({
      clientInfo: this.options.clientInfo ?? { name: "agente", version: agenteVersion() },
      era,
      timeoutMs: startup.timeout,
      requests: this.requests,
      onListChanged: (kind) => {
        if (client !== this.client) return;
        if (kind !== "tools") {
          this.options.hooks?.events?.onListChanged?.(this.config.name, kind);
          return;
        }
        this.refreshTools(client)
          .then(() => {
            this.onToolsChanged?.();
            this.options.hooks?.events?.onListChanged?.(this.config.name, kind);
          })
          .catch((error: unknown) => {
            this.options.onStderrLine?.(this.config.name, `tool list refresh failed: ${errorMessage(error)}`);
          });
      },
    });
    client.onclose = () => this.handleClose(client);
    // A log message during a forwarded request goes to its caller (the gateway's client); others to the hub's.
    relayLogs(client, (message) => this.options.hooks?.events?.onLog?.(this.config.name, message));
    await untilAborted(client.connect(transport, startup), startup.signal);
    const level = this.options.hooks?.loggingLevel ?? "warning";
    await askLoggingLevel(client, level, startup, (why) =>
      this.options.onStderrLine?.(this.config.name, why),
    );
    return client;
  }

  private async refreshTools(client: Client, options?: StartupOptions): Promise<void> {
    // Without a cursor the SDK walks every page and caches the list (its cache hints honoured): callTool's
    // output-schema check and header mirroring read that cached list.
    const { tools } = await client.listTools(undefined, options);
    const allowed = this.config.allowedTools;
    const excluded = new Set(this.config.excludedTools);
    this.toolList = tools.filter(
      (tool) => (!allowed || allowed.includes(tool.name)) && !excluded.has(tool.name),
    );
  }

  private handleClose(client: Client): void {
    if (client !== this.client || this.closed) return;
    this.client = undefined;
    this.state = "restarting";
    this.reason = localised("errorsHub.reason.stopped", { details: this.exitSuffix() });
    this.backoff.ranFor(Date.now() - this.upSince);
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (!this.closed) this.backoff.schedule(() => void this.connect());
  }

  private resultSource(tool: string): string {
    return `the result of ${tool} from MCP server "${this.config.name}"`;
  }

  private exitSuffix(): LocalisedParam {
    return exitDetails(this.exitDescription, this.stderr.lastLines());
  }
}
