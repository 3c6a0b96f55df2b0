/**
 * Small helpers shared by the HTTP providers: one `fetch` call with a clear error when the server is down,
 * and reading a JSON body without trusting it.
 */
import { z } from "zod";
import { type LocalisedText, localised } from "../i18n/localised.js";
import { errorMessage, SystemError } from "../util/errors.js";
import { moveCredentialsToHeader } from "../util/url-credentials.js";

export type FetchFunction = typeof fetch;

/** What to tell the user when nothing answers at the URL. */
export interface UnreachableAdvice {
  /** e.g. "Ollama is not reachable at http://localhost:11434" */
  message: LocalisedText;
  hint: LocalisedText;
}

/** Calls `fetch`, turning a connection failure into a one-line `SystemError`; an abort is rethrown as is. */
export async function fetchOrExplain(
  fetchFunction: FetchFunction,
  url: string,
  init: RequestInit,
  advice: UnreachableAdvice,
): Promise<Response> {
  try {
    const request = moveCredentialsToHeader(url, init);
    return await fetchFunction(request.url, request.init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    const cause = error instanceof Error && error.cause !== undefined ? `: ${errorMessage(error.cause)}` : "";
    const detail = `${errorMessage(error)}${cause}`;
    throw new SystemError(localised("errorsModel.unreachable", { message: advice.message, detail }), {
      cause: error,
      hint: advice.hint,
    });
  }
}

/** `{"error": "..."}` (Ollama) or `{"error": {"message": "..."}}` (OpenAI and its imitators). */
const errorBodySchema = z.looseObject({
  error: z.union([z.string(), z.looseObject({ message: z.unknown() })]),
});

/** Reads an error body (`{"error": "..."}` or `{"error": {"message": "..."}}` or text) into one line. */
export async function errorBodyText(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: fall through to the raw text, which is all the server gave.
  }
  const body = errorBodySchema.safeParse(json);
  if (body.success) {
    const error = body.data.error;
    return typeof error === "string" ? error : String(error.message);
  }
  return text.trim().slice(0, 300) || response.statusText;
}

/** Parses a tool call's arguments written as a JSON string; keeps the string when it is not JSON. */
export function parseArguments(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
