/**
 * A server's questions during a forwarded call (2026-07-28 `input_required` results: elicitation, sampling,
 * roots), passed on to the gateway's client. The gateway stays stateless: what the client can answer goes
 * back to it as the gateway's own `input_required` result (on a 2025 session the SDK's shim asks those
 * questions as requests of its own and calls the handler again), and its answers go upstream with the
 * server's `requestState` unchanged. What the client cannot answer is answered here: elicitation declined,
 * roots none, sampling by agente's model when the approval rules allow it. Those local answers travel
 * with the server's state inside the gateway's own `requestState`, so any replica can take the next round.
 */
import type {
  ClientCapabilities,
  InputRequiredResult,
  InputRequest as SpecInputRequest,
} from "@modelcontextprotocol/server";
import { isSpecType, ProtocolError, ProtocolErrorCode } from "@modelcontextprotocol/server";
import { z } from "zod";

/** Marks a `requestState` the gateway minted (it holds local answers); any other is the server's own. */
const STATE_PREFIX = "agente-gateway.1.";

const inputRequestSchema = z.looseObject({ method: z.string(), params: z.unknown().optional() });
const inputRequiredSchema = z.looseObject({
  resultType: z.literal("input_required"),
  inputRequests: z.record(z.string(), inputRequestSchema).optional(),
  requestState: z.string().optional(),
});
const gatewayStateSchema = z.object({
  upstream: z.string().optional(),
  answers: z.record(z.string(), z.unknown()),
});

export type InputRequest = z.infer<typeof inputRequestSchema>;

/** The answers the gateway gives itself to the questions its client cannot answer. */
export interface LocalAnswers {
  /** `sampling/createMessage` by agente's model; throws when the approval rules refuse it. */
  sample(params: unknown, signal: AbortSignal): Promise<Record<string, unknown>>;
}

/** What the handler received from its client on this round. */
export interface Round {
  inputResponses: Record<string, unknown> | undefined;
  requestState: unknown;
  clientCapabilities: ClientCapabilities;
  signal: AbortSignal;
}

/** The extra params of one upstream round (2026-07-28 multi-round-trip). */
export interface UpstreamRound {
  inputResponses?: Record<string, unknown>;
  requestState?: string;
}

/**
 * Sends the request upstream (`send`) until the server gives a complete result, answering locally what the
 * client cannot; returns that result, or an `input_required` result for the client to answer.
 */
export async function relayInput(
  send: (round: UpstreamRound) => Promise<unknown>,
  round: Round,
  local: LocalAnswers,
): Promise<unknown> {
  let upstream = firstRound(round);
  for (let rounds = 0; rounds < 8; rounds += 1) {
    const result = await send(upstream);
    const asked = inputRequiredSchema.safeParse(result);
    if (!asked.success) return result;
    const requests = Object.entries(asked.data.inputRequests ?? {});
    const forClient = requests.filter(([, request]) => canAnswer(round.clientCapabilities, request));
    const answers: Record<string, unknown> = {};
    for (const [key, request] of requests)
      if (!forClient.some(([clientKey]) => clientKey === key))
        answers[key] = await answerHere(request, local, round.signal);
    if (forClient.length === 0) {
      upstream = {
        inputResponses: answers,
        ...(asked.data.requestState === undefined ? {} : { requestState: asked.data.requestState }),
      };
      continue;
    }
    return toClient(forClient, asked.data.requestState, answers);
  }
  throw new ProtocolError(ProtocolErrorCode.InternalError, "the server kept asking for input (8 rounds)");
}

/** The upstream round a client's answers make: its responses, with the gateway's own answers unpacked. */
function firstRound(round: Round): UpstreamRound {
  const state = typeof round.requestState === "string" ? round.requestState : undefined;
  if (state === undefined || !state.startsWith(STATE_PREFIX)) {
    return {
      ...(round.inputResponses === undefined ? {} : { inputResponses: round.inputResponses }),
      ...(state === undefined ? {} : { requestState: state }),
    };
  }
  const unpacked = gatewayStateSchema.safeParse(parseJson(state.slice(STATE_PREFIX.length)));
  if (!unpacked.success)
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, "Invalid or expired requestState");
  const { upstream, answers } = unpacked.data;
  return {
    inputResponses: { ...answers, ...round.inputResponses },
    ...(upstream === undefined ? {} : { requestState: upstream }),
  };
}

function toClient(
  requests: Array<[string, InputRequest]>,
  upstreamState: string | undefined,
  answers: Record<string, unknown>,
): InputRequiredResult {
  const inputRequests: Record<string, SpecInputRequest> = {};
  for (const [key, request] of requests) {
    // Each request came from a server's reply, loosely parsed: it goes on only in the spec's shape.
    if (!isSpecInputRequest(request))
      throw new ProtocolError(
        ProtocolErrorCode.InternalError,
        `the server asked a malformed ${request.method}`,
      );
    inputRequests[key] = request;
  }
  const requestState =
    Object.keys(answers).length === 0
      ? upstreamState
      : `${STATE_PREFIX}${Buffer.from(JSON.stringify({ upstream: upstreamState, answers })).toString("base64url")}`;
  return {
    resultType: "input_required",
    inputRequests,
    ...(requestState === undefined ? {} : { requestState }),
  };
}

function isSpecInputRequest(request: unknown): request is SpecInputRequest {
  return (
    isSpecType.ElicitRequest(request) ||
    isSpecType.CreateMessageRequest(request) ||
    isSpecType.ListRootsRequest(request)
  );
}

function canAnswer(capabilities: ClientCapabilities, request: InputRequest): boolean {
  if (request.method === "sampling/createMessage") return capabilities.sampling !== undefined;
  if (request.method === "roots/list") return capabilities.roots !== undefined;
  if (request.method !== "elicitation/create") return false;
  const elicitation = capabilities.elicitation;
  if (elicitation === undefined) return false;
  const mode = z.looseObject({ mode: z.string().optional() }).safeParse(request.params);
  const url = mode.success && mode.data.mode === "url";
  // An empty `elicitation: {}` means form mode (the 2025-06-18 declaration).
  return url
    ? elicitation.url !== undefined
    : elicitation.form !== undefined || elicitation.url === undefined;
}

async function answerHere(
  request: InputRequest,
  local: LocalAnswers,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  if (request.method === "roots/list") return { roots: [] };
  if (request.method === "sampling/createMessage") return local.sample(request.params, signal);
  return { action: "decline" };
}

function parseJson(base64: string): unknown {
  try {
    return JSON.parse(Buffer.from(base64, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}
