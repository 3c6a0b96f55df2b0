/**
 * The requests the gateway passes to the server they belong to, as they are: resource reads (listed
 * resources and resource templates), prompts, completions, template lists, subscriptions, and hub tool
 * calls. A call's progress and log messages reach the calling client as they arrive, cancelling the
 * client's request cancels the server's, and a server's questions (`input_required`) go through
 * `relayInput`. The calling client's capabilities and logging level go upstream in the request's `_meta`,
 * so a server asks only what can be answered.
 */
import {
  ClientCapabilitiesSchema,
  CompleteResultSchema,
  GetPromptResultSchema,
  ListResourceTemplatesResultSchema,
  LoggingLevelSchema,
  ReadResourceResultSchema,
} from "@modelcontextprotocol/core";
import {
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  type InputRequiredResult,
  isInputRequiredResult,
  type ListResourceTemplatesResult,
  LOG_LEVEL_META_KEY,
  ProtocolError,
  type Server,
  type ServerContext,
  UriTemplate,
} from "@modelcontextprotocol/server";
import { z } from "zod";
import type { ForwardOptions } from "../../mcp/forwarding.js";
import { parseReply } from "../../util/parse-reply.js";
import type { GatewayDeps } from "./gateway-deps.js";
import { type LocalAnswers, relayInput, type UpstreamRound } from "./input-relay.js";
import { maySampleLocally, sampleWithAgentModel } from "./local-sampling.js";

type ResourceTemplate = ListResourceTemplatesResult["resourceTemplates"][number];

/** The per-request `_meta` envelope keys the gateway reads (2026-07-28). */
const envelopeSchema = z.looseObject({
  [CLIENT_CAPABILITIES_META_KEY]: ClientCapabilitiesSchema.optional(),
  [LOG_LEVEL_META_KEY]: LoggingLevelSchema.optional(),
});

/** JSON-RPC code the MCP spec gives to an unknown resource. */
export const RESOURCE_NOT_FOUND = -32002;

/** One request to one server, with the calling client's hooks; its result is the server's, unchecked. */
export type Forward = (
  server: string,
  method: string,
  params: Record<string, unknown>,
  ctx: ServerContext,
) => Promise<unknown>;

export function forwarder(deps: GatewayDeps, protocol: Server): Forward {
  return async (server, method, params, ctx) => {
    const round = {
      inputResponses: ctx.mcpReq.inputResponses,
      requestState: ctx.mcpReq.requestState(),
      clientCapabilities: clientCapabilities(protocol, ctx),
      signal: ctx.mcpReq.signal,
    };
    const local: LocalAnswers = {
      sample: (request, signal) => sampleWithAgentModel(deps, server, request, signal),
    };
    const options = hooks(deps, server, ctx, round.clientCapabilities);
    const send = (upstream: UpstreamRound) =>
      deps.hub.forward(server, method, { ...params, ...upstream }, options);
    return relayInput(send, round, local);
  };
}

/** Registers the pass-through handlers (everything but tools, which session-server.ts serves). */
export function registerForwardedRequests(
  deps: GatewayDeps,
  protocol: Server,
  forward: Forward,
  guard: <T>(work: () => Promise<T>) => Promise<T>,
): void {
  const { hub, translate } = deps;

  const ownerOf = async (uri: string): Promise<string> => {
    const listed = (await hub.listResources()).find((resource) => resource.uri === uri);
    if (listed !== undefined) return listed.server;
    for (const { server, template } of await templates())
      if (new UriTemplate(template.uriTemplate).match(uri) !== null) return server;
    throw new ProtocolError(RESOURCE_NOT_FOUND, translate("gateway.unknownResource", { uri }), { uri });
  };

  const templates = async (): Promise<Array<{ server: string; template: ResourceTemplate }>> => {
    const lists = await Promise.all(
      hub
        .upServers()
        .filter((server) => server.capabilities.resources !== undefined)
        .map(async ({ name }) => {
          const found: ResourceTemplate[] = [];
          let cursor: string | undefined;
          do {
            const page = parseReply(
              ListResourceTemplatesResultSchema,
              await hub.forward(name, "resources/templates/list", cursor === undefined ? {} : { cursor }),
              { what: `the resource templates of MCP server "${name}"` },
            );
            found.push(...page.resourceTemplates);
            cursor = page.nextCursor;
          } while (cursor !== undefined);
          return found.map((template) => ({ server: name, template }));
        }),
    );
    return lists.flat();
  };

  protocol.setRequestHandler("resources/templates/list", async () =>
    guard(async () => ({ resourceTemplates: (await templates()).map(({ template }) => template) })),
  );

  protocol.setRequestHandler("resources/read", async (request, ctx) =>
    guard(async () => {
      const { uri } = request.params;
      const server = await ownerOf(uri);
      return complete(await forward(server, "resources/read", { uri }, ctx), (result) =>
        parseReply(ReadResourceResultSchema, result, { what: `the resource ${uri}` }),
      );
    }),
  );

  protocol.setRequestHandler("prompts/get", async (request, ctx) =>
    guard(async () => {
      const prompt = (await hub.listPrompts()).find((candidate) => candidate.name === request.params.name);
      if (prompt === undefined) return hub.getPrompt(request.params.name, request.params.arguments ?? {});
      const params = { name: prompt.originalName, arguments: request.params.arguments ?? {} };
      return complete(await forward(prompt.server, "prompts/get", params, ctx), (result) =>
        parseReply(GetPromptResultSchema, result, { what: `the prompt ${prompt.name}` }),
      );
    }),
  );

  protocol.setRequestHandler("completion/complete", async (request, ctx) =>
    guard(async () => {
      const { ref } = request.params;
      let server: string;
      let upstreamRef = ref;
      if (ref.type === "ref/prompt") {
        const prompt = (await hub.listPrompts()).find((candidate) => candidate.name === ref.name);
        if (prompt === undefined) return { completion: { values: [] } };
        server = prompt.server;
        upstreamRef = { ...ref, name: prompt.originalName };
      } else {
        const owner = (await templates()).find(({ template }) => template.uriTemplate === ref.uri);
        if (owner === undefined) return { completion: { values: [] } };
        server = owner.server;
      }
      const result = await forward(
        server,
        "completion/complete",
        { ...request.params, ref: upstreamRef },
        ctx,
      );
      return parseReply(CompleteResultSchema, result, { what: `the completions of MCP server "${server}"` });
    }),
  );

  // Subscriptions are the server's: the gateway passes them on to the server that owns the resource.
  for (const method of ["resources/subscribe", "resources/unsubscribe"] as const) {
    protocol.setRequestHandler(method, async (request) =>
      guard(async () => {
        const server = await ownerOf(request.params.uri);
        const offers = hub.upServers().find((candidate) => candidate.name === server)?.capabilities;
        if (offers?.resources?.subscribe === true)
          await hub.forward(server, method, { uri: request.params.uri });
        return {};
      }),
    );
  }
}

/** An `input_required` result goes back to the client as is; a complete one is parsed first. */
export function complete<T>(result: unknown, parse: (result: unknown) => T): T | InputRequiredResult {
  return isInputRequiredResult(result) ? result : parse(result);
}

/** The calling client's capabilities: the request's `_meta` (2026-07-28), else its `initialize`. */
function clientCapabilities(protocol: Server, ctx: ServerContext): ClientCapabilities {
  return envelope(ctx)[CLIENT_CAPABILITIES_META_KEY] ?? protocol.getClientCapabilities() ?? {};
}

function envelope(ctx: ServerContext): z.infer<typeof envelopeSchema> {
  const parsed = envelopeSchema.safeParse(ctx.mcpReq.envelope ?? {});
  return parsed.success ? parsed.data : {};
}

/** The call's progress and log messages to the calling client; its capabilities and log level upstream. */
function hooks(
  deps: GatewayDeps,
  server: string,
  ctx: ServerContext,
  capabilities: ClientCapabilities,
): ForwardOptions {
  const token = ctx.mcpReq._meta?.progressToken;
  // 2026-07-28: the request's own level, and no log messages without one. 2025: all of them, and the
  // session's `logging/setLevel` filters what reaches the client (the SDK's `log` does).
  const level = ctx.mcpReq.envelope === undefined ? "debug" : envelope(ctx)[LOG_LEVEL_META_KEY];
  // The server may always ask a form (the gateway declines it for a client that cannot answer), and may
  // ask for sampling where agente's model may answer for a client that cannot.
  const upstream: ClientCapabilities = {
    ...capabilities,
    elicitation: { ...capabilities.elicitation, form: capabilities.elicitation?.form ?? {} },
    ...(capabilities.sampling === undefined && maySampleLocally(deps.settings, server)
      ? { sampling: {} }
      : {}),
  };
  const failed = (what: string) => (error: unknown) =>
    deps.log?.(`${what} of MCP server "${server}" not relayed: ${String(error)}`);
  return {
    signal: ctx.mcpReq.signal,
    meta: {
      [CLIENT_CAPABILITIES_META_KEY]: upstream,
      ...(level === undefined ? {} : { [LOG_LEVEL_META_KEY]: level }),
    },
    onLog: (message) =>
      void ctx.mcpReq.log(message.level, message.data, message.logger).catch(failed("a log message")),
    ...(token === undefined
      ? {}
      : {
          onProgress: (progress) =>
            void ctx.mcpReq
              .notify({ method: "notifications/progress", params: { ...progress, progressToken: token } })
              .catch(failed("progress")),
        }),
  };
}
