/**
 * The hub: every configured MCP server connected once, in parallel, kept for the whole run, and one flat
 * tool list with a tool → server routing table. A call goes to exactly one server; nothing is ever tried
 * on "any server that works".
 */
import type {
  CompleteRequestParams,
  CompleteResult,
  GetPromptResult,
  ReadResourceResult,
  Resource,
  ResourceTemplateType,
  ServerCapabilities,
} from "@modelcontextprotocol/client";
import type { ServerConfig } from "../config/server-config.js";
import { mapLocalisedText } from "../i18n/localised.js";
import { Redactor } from "../util/secret-redaction.js";
import type { ClientHooks, HubEvents, LoggingLevel, Root, ServerQuestions } from "./client-handlers.js";
import type { ConnectionStatus, McpConnection } from "./connection.js";
import { UnknownToolError } from "./errors.js";
import { exposeTool } from "./exposed-tool.js";
import type { ForwardOptions } from "./forwarding.js";
import { closeMatches, exposeNames } from "./naming.js";
import { oauthHostFromEnvironment } from "./oauth/oauth-session.js";
import { SdkConnection } from "./sdk-connection.js";
import type { SdkConnectionOptions } from "./sdk-connection-options.js";
import { serverSecrets } from "./server-secrets.js";
import type { CallOptions, ExposedTool, ToolHub, ToolResult } from "./tool-hub.js";

export interface ServerStatus extends ConnectionStatus {
  name: string;
  toolCount: number;
  /** Exposed names of this server's tools. */
  tools: string[];
}

/** Also the hooks of client-handlers.ts: the servers' questions, roots, events and logging level. */
export interface HubOptions extends Omit<SdkConnectionOptions, "hooks">, ClientHooks {
  /** Builds the connection for one server; the default is the SDK-backed `SdkConnection`. */
  createConnection?: (config: ServerConfig) => McpConnection;
  /**
   * The host's secret values (`secretValues(config.env)`): with those of each server's own entry, hidden in
   * every form from all that leaves the hub (results, tool lists, errors, statuses, stderr lines).
   */
  secrets?: readonly string[];
}

export interface HubResource extends Resource {
  server: string;
}

export interface HubResourceTemplate extends ResourceTemplateType {
  server: string;
}

export interface HubPrompt {
  name: string;
  originalName: string;
  server: string;
  description: string | undefined;
  arguments: Array<{ name: string; description?: string; required?: boolean }>;
}

export class McpHub implements ToolHub {
  private readonly connections: McpConnection[];
  private exposed: ExposedTool[] = [];
  private routes = new Map<string, { connection: McpConnection; tool: ExposedTool }>();
  private readonly toolsListeners = new Set<() => void>();
  private redactor: Redactor;
  /** Shared by every connection and read live: `setQuestions` and `setRoots` change them in place. */
  private readonly hooks: ClientHooks;

  private constructor(configs: ServerConfig[], hubOptions: HubOptions) {
    this.redactor = new Redactor([...(hubOptions.secrets ?? []), ...serverSecrets(configs)]);
    // OAuth (src/mcp/oauth): tokens become known as they are loaded or obtained; the redactor learns each.
    const oauth = hubOptions.oauth ?? oauthHostFromEnvironment(process.env);
    const learn = (secret: string) => {
      this.redactor = this.redactor.with([secret]);
    };
    this.hooks = {
      ...(hubOptions.questions === undefined ? {} : { questions: hubOptions.questions }),
      ...(hubOptions.roots === undefined ? {} : { roots: hubOptions.roots }),
      ...(hubOptions.confinedRoots === undefined ? {} : { confinedRoots: hubOptions.confinedRoots }),
      ...(hubOptions.loggingLevel === undefined ? {} : { loggingLevel: hubOptions.loggingLevel }),
      ...(hubOptions.events === undefined ? {} : { events: this.redactEvents(hubOptions.events) }),
    };
    const options = {
      ...redactStderr(hubOptions, this.redactor),
      oauth: { ...oauth, onSecret: learn },
      hooks: this.hooks,
    };
    const create = options.createConnection ?? ((config: ServerConfig) => new SdkConnection(config, options));
    this.connections = configs.map(create);
    for (const connection of this.connections) connection.onToolsChanged = () => this.rebuildRoutes();
  }

  /**
   * Starts connecting every server in parallel and returns at once (the chat shows its prompt meanwhile):
   * each server's tools appear as it comes up, `onServer` hears each one when it is up or has failed, and
   * `ready` settles when all have. Never rejects for a server that fails: see `statuses()`.
   */
  static begin(
    configs: ServerConfig[],
    options: HubOptions = {},
    onServer?: (status: ServerStatus) => void,
  ): { hub: McpHub; ready: Promise<void> } {
    const hub = new McpHub(configs, options);
    const ready = Promise.all(
      hub.connections.map(async (connection) => {
        await connection.connect();
        hub.rebuildRoutes();
        const status = hub.statuses().find((candidate) => candidate.name === connection.config.name);
        if (status !== undefined) onServer?.(status);
      }),
    ).then(() => undefined);
    return { hub, ready };
  }

  /** Connects every server in parallel. Never throws for a server that fails: see `statuses()`. */
  static async start(configs: ServerConfig[], options: HubOptions = {}): Promise<McpHub> {
    const hub = new McpHub(configs, options);
    await Promise.all(hub.connections.map((connection) => connection.connect()));
    hub.rebuildRoutes();
    return hub;
  }

  tools(): ExposedTool[] {
    return this.exposed;
  }

  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<ToolResult> {
    const route = this.routes.get(name);
    if (!route) {
      throw new UnknownToolError(
        name,
        closeMatches(
          name,
          this.exposed.map((tool) => tool.name),
        ),
      );
    }
    try {
      return this.redactor.value(await route.connection.callTool(route.tool.originalName, args, options));
    } catch (error) {
      throw this.redactor.error(error);
    }
  }

  /** Connects one server again (after `agente serve`'s web sign-in stored its tokens); false when unknown. */
  async reconnect(server: string): Promise<boolean> {
    const connection = this.connections.find((candidate) => candidate.config.name === server);
    if (connection === undefined) return false;
    await connection.connect();
    this.rebuildRoutes();
    return true;
  }

  /** Calls `listener` after the routing table changed (a server's list changed, a restart); returns the unsubscribe. */
  onToolsChanged(listener: () => void): () => void {
    this.toolsListeners.add(listener);
    return () => this.toolsListeners.delete(listener);
  }

  statuses(): ServerStatus[] {
    return this.connections.map((connection) => {
      const tools = this.exposed
        .filter((tool) => tool.server === connection.config.name)
        .map((tool) => tool.name);
      const status = connection.status();
      const reason = status.reason === undefined ? undefined : this.redactor.text(status.reason);
      const reasonText =
        status.reasonText === undefined
          ? undefined
          : mapLocalisedText(status.reasonText, (text) => this.redactor.text(text));
      return { name: connection.config.name, ...status, reason, reasonText, toolCount: tools.length, tools };
    });
  }

  /** Resources of every server that is up, each tagged with its server. */
  async listResources(): Promise<HubResource[]> {
    const lists = await Promise.all(
      this.upConnections().map(async (connection) =>
        (await connection.listResources()).map((resource) => ({
          ...resource,
          server: connection.config.name,
        })),
      ),
    );
    return this.redactor.value(lists.flat());
  }

  async readResource(server: string, uri: string): Promise<ReadResourceResult> {
    return this.redactor.value(await this.connection(server).readResource(uri));
  }

  /** Prompts of every server that is up; clashing names get the same `server__name` treatment as tools. */
  async listPrompts(): Promise<HubPrompt[]> {
    const lists = await Promise.all(
      this.upConnections().map(async (connection) =>
        (await connection.listPrompts()).map((prompt) => ({ prompt, server: connection.config.name })),
      ),
    );
    const all = lists.flat();
    const names = exposeNames(all.map(({ prompt, server }) => ({ server, originalName: prompt.name })));
    return this.redactor.value(
      all.map(({ prompt, server }, index) => ({
        name: names[index] ?? prompt.name,
        originalName: prompt.name,
        server,
        description: prompt.description,
        arguments: prompt.arguments ?? [],
      })),
    );
  }

  async getPrompt(name: string, args: Record<string, string> = {}): Promise<GetPromptResult> {
    const prompts = await this.listPrompts();
    const prompt = prompts.find((candidate) => candidate.name === name);
    if (!prompt) {
      throw new UnknownToolError(
        name,
        closeMatches(
          name,
          prompts.map((candidate) => candidate.name),
        ),
      );
    }
    return this.redactor.value(await this.connection(prompt.server).getPrompt(prompt.originalName, args));
  }

  /**
   * The host's answers to the servers' questions from now on (the CLI sets sampling once its model is
   * built). Only questions the hub had handlers for at start are declared, so set every kind at start.
   */
  setQuestions(questions: ServerQuestions): void {
    this.hooks.questions = { ...this.hooks.questions, ...questions };
  }

  /** New roots: every server that is up hears `notifications/roots/list_changed`. */
  async setRoots(roots: Root[]): Promise<void> {
    this.hooks.roots = roots;
    await Promise.all(this.upConnections().map((connection) => connection.rootsChanged()));
  }

  /** `logging/setLevel` on every server that is up and logs; servers that start later get it too. */
  async setLoggingLevel(level: LoggingLevel): Promise<void> {
    this.hooks.loggingLevel = level;
    await Promise.all(this.upConnections().map((connection) => connection.setLoggingLevel(level)));
  }

  /** Resource templates of every server that is up, each tagged with its server. */
  async listResourceTemplates(): Promise<HubResourceTemplate[]> {
    const lists = await Promise.all(
      this.upConnections().map(async (connection) =>
        (await connection.listResourceTemplates()).map((template) => ({
          ...template,
          server: connection.config.name,
        })),
      ),
    );
    return this.redactor.value(lists.flat());
  }

  /** `resources/subscribe`: the server's `resources/updated` for `uri` reach `events.onResourceUpdated`. */
  async subscribeResource(server: string, uri: string): Promise<void> {
    await this.connection(server).subscribeResource(uri, true);
  }

  async unsubscribeResource(server: string, uri: string): Promise<void> {
    await this.connection(server).subscribeResource(uri, false);
  }

  /** `completion/complete` on `server` for a prompt's (`ref/prompt`) or template's (`ref/resource`) argument. */
  async complete(server: string, params: CompleteRequestParams): Promise<CompleteResult> {
    return this.redactor.value(await this.connection(server).complete(params));
  }

  /** The gateway's pass-through (forwarding.ts): one request to one server, its raw result with secrets hidden. */
  async forward(
    server: string,
    method: string,
    params: Record<string, unknown>,
    options?: ForwardOptions,
  ): Promise<unknown> {
    try {
      return this.redactor.value(await this.connection(server).forward(method, params, options));
    } catch (error) {
      throw this.redactor.error(error);
    }
  }

  /** The servers that are up, each with what it declared it offers. */
  upServers(): Array<{ name: string; capabilities: ServerCapabilities }> {
    return this.upConnections().map((connection) => ({
      name: connection.config.name,
      capabilities: connection.serverCapabilities() ?? {},
    }));
  }

  /** Closes every session; stdio children get stdin closed, then SIGTERM, then SIGKILL. */
  async close(): Promise<void> {
    await Promise.allSettled(this.connections.map((connection) => connection.close()));
  }

  /** Log messages and updates leave the hub with the secrets hidden, as results do. */
  private redactEvents(events: HubEvents): HubEvents {
    return {
      onLog: (server, message) => events.onLog?.(server, this.redactor.value(message)),
      onResourceUpdated: (server, uri) => events.onResourceUpdated?.(server, this.redactor.text(uri)),
      onListChanged: (server, kind) => events.onListChanged?.(server, kind),
    };
  }

  private upConnections(): McpConnection[] {
    return this.connections.filter((connection) => connection.status().state === "up");
  }

  private connection(server: string): McpConnection {
    const connection = this.connections.find((candidate) => candidate.config.name === server);
    if (!connection) throw new UnknownToolError(server, []);
    return connection;
  }

  private rebuildRoutes(): void {
    const offered = this.connections.flatMap((connection) =>
      connection.tools().map((tool) => ({ connection, tool, server: connection.config.name })),
    );
    const names = exposeNames(offered.map(({ server, tool }) => ({ server, originalName: tool.name })));
    const routes = new Map<string, { connection: McpConnection; tool: ExposedTool }>();
    const exposed = offered.map(({ connection, tool, server }, index) => {
      const entry = this.redactor.value(
        exposeTool(tool, {
          name: names[index] ?? tool.name,
          server,
          requireApproval: connection.config.requireApproval,
        }),
      );
      routes.set(entry.name, { connection, tool: entry });
      return entry;
    });
    this.exposed = exposed;
    this.routes = routes;
    for (const listener of this.toolsListeners) listener();
  }
}

/** Stderr lines leave the hub (`--verbose`, logs) with the secrets hidden. */
function redactStderr(options: HubOptions, redactor: Redactor): HubOptions {
  const onLine = options.onStderrLine;
  if (onLine === undefined || redactor.empty) return options;
  return { ...options, onStderrLine: (server, line) => onLine(server, redactor.text(line)) };
}
