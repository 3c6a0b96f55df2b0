/**
 * Embedders behind an HTTP API: Ollama's `/api/embed` and any OpenAI-compatible `/v1/embeddings`.
 * `fetch` is injected so tests can stand in for the server.
 */
import { z } from "zod";
import { SystemError, UserError } from "../util/errors.js";
import { parseJsonReply } from "../util/parse-reply.js";
import { moveCredentialsToHeader } from "../util/url-credentials.js";
import type { EmbedderIdentity } from "./embedder.js";
import { type Embedder, type EmbeddingPurpose, normalize } from "./embedder.js";

export type Fetch = typeof fetch;

const BATCH_SIZE = 64;

/** Ollama's `/api/embed` reply (loose: other fields pass through). */
const ollamaEmbedSchema = z.looseObject({ embeddings: z.array(z.array(z.number())).optional() });

/** An OpenAI-compatible `/embeddings` reply. */
const openAiEmbeddingsSchema = z.looseObject({
  data: z.array(z.looseObject({ embedding: z.array(z.number()), index: z.number() })).optional(),
});

/** nomic-embed-text was trained with task prefixes; without them its retrieval quality drops. */
const PREFIXES: Record<string, Record<EmbeddingPurpose, string>> = {
  "nomic-embed-text": { document: "search_document: ", query: "search_query: " },
};

export interface OllamaEmbedderOptions {
  /** `OLLAMA_HOST`, e.g. `http://127.0.0.1:11434`. */
  host: string;
  model: string;
  fetch?: Fetch;
}

export class OllamaEmbedder implements Embedder {
  readonly name: string;
  readonly #options: OllamaEmbedderOptions;
  #dimensions: number | undefined;

  constructor(options: OllamaEmbedderOptions) {
    this.#options = options;
    this.name = `ollama:${options.model}`;
  }

  async identity(signal?: AbortSignal): Promise<EmbedderIdentity> {
    this.#dimensions ??= (await this.embed(["dimension probe"], "query", signal))[0]?.length ?? 0;
    return { name: this.name, dimensions: this.#dimensions };
  }

  async embed(texts: string[], purpose: EmbeddingPurpose, signal?: AbortSignal): Promise<Float32Array[]> {
    const prefix = PREFIXES[this.#options.model.replace(/:latest$/, "")]?.[purpose] ?? "";
    const url = new URL("/api/embed", withScheme(this.#options.host)).href;
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH_SIZE) {
      const input = texts.slice(start, start + BATCH_SIZE).map((text) => prefix + text);
      const body = await postJson(
        this.#options.fetch ?? fetch,
        url,
        { model: this.#options.model, input },
        {},
        signal,
        {
          server: "Ollama",
          hint: `start Ollama and run \`ollama pull ${this.#options.model}\`, or set AGENTE_EMBEDDER=offline`,
        },
        ollamaEmbedSchema,
      );
      if (!Array.isArray(body.embeddings) || body.embeddings.length !== input.length) {
        throw new SystemError(`Ollama returned no embeddings for model ${this.#options.model}`, {
          hint: `check that ${this.#options.model} is an embedding model (\`ollama show ${this.#options.model}\`)`,
        });
      }
      for (const row of body.embeddings) vectors.push(normalize(Float32Array.from(row)));
    }
    if (vectors[0]) this.#dimensions ??= vectors[0].length;
    return vectors;
  }

  async close(): Promise<void> {}
}

export interface OpenAiEmbedderOptions {
  /** `OPENAI_BASE_URL`, e.g. `https://api.openai.com/v1` or `http://localhost:8000/v1`. */
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  fetch?: Fetch;
}

export class OpenAiEmbedder implements Embedder {
  readonly name: string;
  readonly #options: OpenAiEmbedderOptions;
  #dimensions: number | undefined;

  constructor(options: OpenAiEmbedderOptions) {
    this.#options = options;
    this.name = `openai:${options.model}`;
  }

  async identity(signal?: AbortSignal): Promise<EmbedderIdentity> {
    this.#dimensions ??= (await this.embed(["dimension probe"], "query", signal))[0]?.length ?? 0;
    return { name: this.name, dimensions: this.#dimensions };
  }

  async embed(texts: string[], _purpose: EmbeddingPurpose, signal?: AbortSignal): Promise<Float32Array[]> {
    const base = withScheme(this.#options.baseUrl).replace(/\/+$/, "");
    const headers: Record<string, string> = {};
    if (this.#options.apiKey) headers.authorization = `Bearer ${this.#options.apiKey}`;
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH_SIZE) {
      const input = texts.slice(start, start + BATCH_SIZE);
      const body = await postJson(
        this.#options.fetch ?? fetch,
        `${base}/embeddings`,
        { model: this.#options.model, input },
        headers,
        signal,
        { server: "the OpenAI-compatible server", hint: "check OPENAI_BASE_URL and OPENAI_API_KEY" },
        openAiEmbeddingsSchema,
      );
      if (!Array.isArray(body.data) || body.data.length !== input.length) {
        throw new SystemError(
          `the embeddings server returned no embeddings for model ${this.#options.model}`,
          {
            hint: "check that the model name is an embedding model the server offers",
          },
        );
      }
      const ordered = [...body.data].sort((left, right) => left.index - right.index);
      for (const row of ordered) vectors.push(normalize(Float32Array.from(row.embedding)));
    }
    if (vectors[0]) this.#dimensions ??= vectors[0].length;
    return vectors;
  }

  async close(): Promise<void> {}
}

function withScheme(host: string): string {
  return /^https?:\/\//.test(host) ? host : `http://${host}`;
}

async function postJson<Schema extends z.ZodType>(
  fetchFunction: Fetch,
  url: string,
  payload: unknown,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
  about: { server: string; hint: string },
  schema: Schema,
): Promise<z.output<Schema>> {
  let response: Response;
  try {
    const request = moveCredentialsToHeader(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(payload),
      signal: signal ?? null,
    });
    response = await fetchFunction(request.url, request.init);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new SystemError(`cannot reach ${about.server} at ${new URL(url).origin}`, {
      cause: error,
      hint: about.hint,
    });
  }
  if (!response.ok) {
    const detail = (await response.text().catch(() => "")).slice(0, 200).replace(/\s+/g, " ");
    const ErrorClass = response.status === 401 || response.status === 404 ? UserError : SystemError;
    throw new ErrorClass(
      `${about.server} answered ${response.status} to an embeddings request${detail ? `: ${detail}` : ""}`,
      {
        hint: about.hint,
      },
    );
  }
  return parseJsonReply(schema, await response.text(), {
    what: `the reply of ${about.server} to an embeddings request`,
    hint: about.hint,
  });
}
