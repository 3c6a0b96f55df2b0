/** OpenAI's error shape, which every route of `agente serve` answers with: `{error: {message, type, code}}`. */
import type { FastifyReply } from "fastify";
import { renderLocalised } from "../i18n/localised.js";
import type { Translator } from "../i18n/translator.js";
import { AgenteError, errorMessage } from "../util/errors.js";

export type ApiErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  | "server_error";

export interface ApiErrorBody {
  error: { message: string; type: ApiErrorType; param: string | null; code: string | null };
}

export function apiError(message: string, type: ApiErrorType, code: string | null = null): ApiErrorBody {
  return { error: { message, type, param: null, code } };
}

export function sendApiError(
  reply: FastifyReply,
  status: number,
  message: string,
  type: ApiErrorType,
  code: string | null = null,
): FastifyReply {
  return reply
    .code(status)
    .type("application/json; charset=utf-8")
    .send(apiError(message, type, code));
}

/**
 * An error in one line for a client: the message, and what to do about it when agente knows; in the
 * translator's language when the error was raised as catalogue text, else as it was written.
 */
export function failureText(error: unknown, t?: Translator): string {
  if (!(error instanceof AgenteError)) return errorMessage(error);
  const message =
    t !== undefined && error.text !== undefined ? renderLocalised(error.text, t) : error.message;
  const hint =
    t !== undefined && error.hintText !== undefined ? renderLocalised(error.hintText, t) : error.hint;
  return hint === undefined ? message : `${message}: ${hint}`;
}
