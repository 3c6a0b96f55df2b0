/**
 * What the hub does when a server asks something of its client, and what it tells its host. This is the
 * hub's API for the CLI, `serve`'s web chat and the MCP gateway (src/serve/mcp-gateway), which forwards
 * them to its own clients:
 *
 * - `ServerQuestions`: elicitation (form and URL mode) and sampling. Given per hub (`HubOptions.questions`)
 *   and per call (`CallOptions.questions`, which wins for requests that belong to that call). A question
 *   nobody handles is declined (elicitation) or refused (sampling) by the hub, never left unanswered.
 * - `roots`: the folders the servers may work in (`HubOptions.roots`, then `McpHub.setRoots`, which sends
 *   `notifications/roots/list_changed`).
 * - `HubEvents`: the servers' log messages, `resources/updated`, and list changes (tools, resources, prompts).
 * - `CallOptions.onProgress`: the progress of one tool call.
 *
 * On 2025 connections the server sends these as requests of its own; on 2026-07-28 it answers the call with
 * an `input_required` result, which the SDK fulfils through the same handlers and sends again with the
 * server's `requestState` unchanged. Either way a handler sees the same parameters.
 *
 * Which call a question belongs to: the SDK runs 2026-07-28 questions (and 2025 questions that arrive on
 * the call's own HTTP stream) inside the call, where `AsyncLocalStorage` finds the call's handlers; a
 * question with no such link (stdio, 2025) goes to the only call in flight on that server with handlers of
 * its own, else to the hub's.
 */
import type {
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestFormParams,
  ElicitRequestURLParams,
  ElicitResult,
  LoggingLevel,
  LoggingMessageNotificationParams,
  Progress,
  Root,
} from "@modelcontextprotocol/client";

export type {
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestFormParams,
  ElicitRequestURLParams,
  ElicitResult,
  LoggingLevel,
  LoggingMessageNotificationParams,
  Progress,
  Root,
};

/** Who is asking: the config key of the server, and a signal that aborts when the request is cancelled. */
export interface QuestionContext {
  server: string;
  signal: AbortSignal;
}

export interface ServerQuestions {
  /** `elicitation/create`, form mode: answer with `accept` and content, `decline` or `cancel`. */
  elicitForm?: (params: ElicitRequestFormParams, context: QuestionContext) => Promise<ElicitResult>;
  /** `elicitation/create`, URL mode: `accept` once the user agreed to open the URL, else `decline`/`cancel`. */
  elicitUrl?: (params: ElicitRequestURLParams, context: QuestionContext) => Promise<ElicitResult>;
  /**
   * `sampling/createMessage`: a reply of the host's model, after the user approved. Throw to refuse (the
   * server gets an error with the message).
   */
  sample?: (params: CreateMessageRequestParams, context: QuestionContext) => Promise<CreateMessageResult>;
}

export type ListChangeKind = "tools" | "resources" | "prompts";

export interface HubEvents {
  /** `notifications/message` from a server (at or above the hub's logging level). */
  onLog?: (server: string, message: LoggingMessageNotificationParams) => void;
  /** `notifications/resources/updated` for a resource the host subscribed to. */
  onResourceUpdated?: (server: string, uri: string) => void;
  /** A server's tools, resources or prompts changed (`list_changed`); tools are already re-listed. */
  onListChanged?: (server: string, kind: ListChangeKind) => void;
}

/** What the hub's connections share: the host's handlers, roots, events and logging level. */
export interface ClientHooks {
  questions?: ServerQuestions;
  /** The roots offered at start (`file://` URIs); `McpHub.setRoots` changes them. */
  roots?: Root[];
  /**
   * Servers whose roots the config fixes (a filesystem server given its folders): each is offered only
   * these, whatever `roots` and `setRoots` say, so the client's roots never widen what it may reach.
   */
  confinedRoots?: Readonly<Record<string, Root[]>>;
  events?: HubEvents;
  /** Sent with `logging/setLevel` to every server that declares logging (default `warning`). */
  loggingLevel?: LoggingLevel;
}

/** Per call: handlers for the questions that belong to it, and its progress. */
export interface CallHooks {
  questions?: ServerQuestions;
  /** Each `notifications/progress` of the call (the call's timeout restarts on each). */
  onProgress?: (progress: Progress) => void;
}
