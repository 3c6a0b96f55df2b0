/**
 * The one place where the Odoo layer touches the network: a POST (or GET) through the injected `fetch`
 * with a deadline that covers the response body too. Network failures become `OdooError`s of kind
 * `unreachable` (retryable) or `timeout`; HTTP statuses are left to the caller, which knows the protocol.
 */

import { localised } from "../i18n/localised.js";
import { moveCredentialsToHeader } from "../util/url-credentials.js";
import { DEFAULT_MAX_RESPONSE_BYTES, readBoundedText } from "./bounded-body.js";
import { OdooError } from "./odoo-error.js";

export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpExchange {
  status: number;
  contentType: string;
  body: string;
}

export interface HttpRequest {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Aborts the request when the caller gives up (the deadline applies as well). */
  signal?: AbortSignal;
}

export interface HttpClientOptions {
  fetch: FetchFunction;
  /** Deadline for one request, body included. */
  timeoutMs: number;
  /** Most bytes of one answer (`ODOO_MAX_RESPONSE_BYTES`); default 32 MiB. */
  maxResponseBytes?: number;
}

export class HttpClient {
  readonly #fetch: FetchFunction;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;

  constructor(options: HttpClientOptions) {
    this.#fetch = options.fetch;
    this.#timeoutMs = options.timeoutMs;
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  async send(request: HttpRequest): Promise<HttpExchange> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    const where = describeEndpoint(request.url);
    const cancel = () => controller.abort();
    request.signal?.addEventListener("abort", cancel, { once: true });
    try {
      if (request.signal?.aborted) throw request.signal.reason;
      const outgoing = moveCredentialsToHeader(request.url, {
        method: request.method ?? "POST",
        ...(request.headers === undefined ? {} : { headers: request.headers }),
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: controller.signal,
      });
      const response = await this.#fetch(outgoing.url, outgoing.init);
      const body = await readBoundedText(response, this.#maxResponseBytes);
      return { status: response.status, contentType: response.headers.get("content-type") ?? "", body };
    } catch (error) {
      if (error instanceof OdooError) throw error;
      if (request.signal?.aborted) {
        throw new OdooError("cancelled", localised("errorsOdoo.cancelled"), { cause: error });
      }
      if (controller.signal.aborted) {
        throw new OdooError("timeout", localised("errorsOdoo.timeout", { where, ms: this.#timeoutMs }), {
          hint: localised("errorsOdoo.timeoutHint"),
          cause: error,
        });
      }
      throw new OdooError(
        "unreachable",
        localised("errorsOdoo.unreachable", { where, reason: networkReason(error) }),
        { hint: localised("errorsOdoo.unreachableHint"), cause: error, retryable: true },
      );
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", cancel);
    }
  }
}

/** The URL without trailing slashes, so that paths can be appended. */
export function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** `scheme://host:port` of a URL: never its path, query or user info, which may hold secrets. */
export function describeEndpoint(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "the configured ODOO_URL";
  }
}

function networkReason(error: unknown): string {
  // undici reports "fetch failed" and keeps the system error (ECONNREFUSED, ENOTFOUND …) as the cause.
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause !== null && typeof cause === "object" && "code" in cause && typeof cause.code === "string")
    return cause.code;
  return error instanceof Error ? error.message.split("\n")[0] || "network error" : "network error";
}
