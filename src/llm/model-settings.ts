/**
 * Model settings: provider, model, endpoint, sampling and context size, resolved from flags, environment
 * and the config file's `model` section (in that order) and validated.
 */
import { z } from "zod";
import { numeric, pickSetting, readConfigSection } from "./setting-layers.js";

/** `auto`: Ollama when it answers and has the model, else the embedded llama.cpp provider (see choose-provider.ts). */
export const PROVIDERS = ["auto", "ollama", "openai", "llama-cpp"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** GPU use of the embedded provider: `off` (CPU; default except on macOS), `auto`, or one backend. */
export const GPU_CHOICES = ["off", "auto", "cuda", "vulkan", "metal"] as const;
export type GpuChoice = (typeof GPU_CHOICES)[number];

export const DEFAULT_MODEL = "llama3.2:1b";
export const DEFAULT_OLLAMA_URL = "http://localhost:11434";
export const DEFAULT_OPENAI_URL = "https://api.openai.com/v1";

export interface ModelSettings {
  provider: ProviderName;
  /** Model name for HTTP providers; for llama-cpp, a label (the GGUF file name). */
  model: string;
  /** Server URL for HTTP providers (no credentials in it). */
  baseUrl: string;
  /** OpenAI-compatible API key, from the environment only. Never logged. */
  apiKey: string | undefined;
  /** GGUF file for the embedded provider. */
  gguf: string | undefined;
  /** GGUF to download into the cache when no file is given (default: agente's own model). */
  ggufUrl: string | undefined;
  /** Expected sha256 of the `ggufUrl` download (lower-case hex); undefined: not checked. */
  ggufSha256: string | undefined;
  /** GPU for the embedded provider; undefined: CPU, or Metal on macOS (docs/models.md). */
  gpu: GpuChoice | undefined;
  temperature: number;
  /** Most tokens one step may generate. */
  maxTokens: number;
  /** Fixed context window; undefined lets the provider size it to the prompt. */
  contextSize: number | undefined;
}

/** What the command line gave (commander's parsed options; numbers arrive as strings). */
export interface ModelFlags {
  provider?: string;
  model?: string;
  baseUrl?: string;
  gguf?: string;
  temperature?: string | number;
  maxTokens?: string | number;
  contextSize?: string | number;
}

const modelSection = z
  .object({
    provider: z.enum(PROVIDERS).optional(),
    name: z.string().min(1).optional(),
    baseUrl: z.string().min(1).optional(),
    gguf: z.string().min(1).optional(),
    ggufUrl: z.string().min(1).optional(),
    ggufSha256: z.string().min(1).optional(),
    gpu: z.enum(GPU_CHOICES).optional(),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().min(16).max(32768).optional(),
    contextSize: z.number().int().min(256).max(1048576).optional(),
  })
  .strict();

const urlSchema = (defaultPort?: number) =>
  z.string().transform((value, context) => {
    const normalized = normalizeUrl(value, defaultPort);
    if (normalized === undefined) {
      context.addIssue({ code: "custom", message: "not a URL (expected e.g. http://localhost:11434)" });
      return z.NEVER;
    }
    return normalized;
  });

/** Checks the config file's `model` section alone (a misspelt provider fails every command, not only `ask`). */
export function checkModelSection(value: unknown, configFile?: string): void {
  readConfigSection(modelSection, value, "model", configFile);
}

export function resolveModelSettings(input: {
  flags: ModelFlags;
  env: NodeJS.ProcessEnv;
  config: unknown;
  /** The config file, named in errors. */
  configFile?: string | undefined;
}): ModelSettings {
  const { flags, env } = input;
  const config = readConfigSection(modelSection, input.config, "model", input.configFile);
  const provider = pickSetting(
    z.enum(PROVIDERS),
    "auto",
    { value: flags.provider, source: "--provider" },
    { value: env.AGENTE_PROVIDER, source: "AGENTE_PROVIDER" },
    { value: config.provider, source: "config key model.provider" },
  );
  const gguf = pickSetting(
    z.string().min(1).optional(),
    undefined,
    { value: flags.gguf, source: "--gguf" },
    { value: env.AGENTE_GGUF, source: "AGENTE_GGUF" },
    { value: config.gguf, source: "config key model.gguf" },
  );
  const ggufUrl = pickSetting(
    z
      .string()
      .regex(/^https?:\/\/\S+$/i, "expected an http(s) address of a GGUF file")
      .optional(),
    undefined,
    { value: env.AGENTE_GGUF_URL, source: "AGENTE_GGUF_URL" },
    { value: config.ggufUrl, source: "config key model.ggufUrl" },
  );
  const ggufSha256 = pickSetting(
    z
      .string()
      .regex(/^[0-9a-f]{64}$/i, "expected 64 hexadecimal digits")
      .transform((value) => value.toLowerCase())
      .optional(),
    undefined,
    { value: env.AGENTE_GGUF_SHA256, source: "AGENTE_GGUF_SHA256" },
    { value: config.ggufSha256, source: "config key model.ggufSha256" },
  );
  const gpu = pickSetting(
    z.enum(GPU_CHOICES).optional(),
    undefined,
    { value: env.AGENTE_GPU, source: "AGENTE_GPU" },
    { value: config.gpu, source: "config key model.gpu" },
  );
  const defaultModel =
    provider === "llama-cpp" && gguf !== undefined ? (gguf.split(/[\\/]/).pop() ?? gguf) : DEFAULT_MODEL;
  const model = pickSetting(
    z.string().min(1),
    defaultModel,
    { value: flags.model, source: "--model" },
    { value: env.AGENTE_MODEL, source: "AGENTE_MODEL" },
    { value: config.name, source: "config key model.name" },
  );
  const baseUrlEnv =
    provider === "openai"
      ? { value: env.OPENAI_BASE_URL, source: "OPENAI_BASE_URL" }
      : { value: env.OLLAMA_HOST, source: "OLLAMA_HOST" };
  const baseUrl = pickSetting(
    urlSchema(provider === "openai" ? undefined : 11434),
    provider === "openai" ? DEFAULT_OPENAI_URL : DEFAULT_OLLAMA_URL,
    { value: flags.baseUrl, source: "--base-url" },
    baseUrlEnv,
    { value: config.baseUrl, source: "config key model.baseUrl" },
  );
  const temperature = pickSetting(
    z.preprocess(numeric, z.number().min(0).max(2)),
    0,
    { value: flags.temperature, source: "--temperature" },
    { value: config.temperature, source: "config key model.temperature" },
  );
  const maxTokens = pickSetting(
    z.preprocess(numeric, z.number().int().min(16).max(32768)),
    512,
    { value: flags.maxTokens, source: "--max-tokens" },
    { value: config.maxTokens, source: "config key model.maxTokens" },
  );
  const contextSize = pickSetting(
    z.preprocess(numeric, z.number().int().min(256).max(1048576).optional()),
    undefined,
    { value: flags.contextSize, source: "--context-size" },
    { value: config.contextSize, source: "config key model.contextSize" },
  );
  const apiKey = env.OPENAI_API_KEY === "" ? undefined : env.OPENAI_API_KEY;
  return {
    provider,
    model,
    baseUrl,
    apiKey,
    gguf,
    ggufUrl,
    ggufSha256,
    gpu,
    temperature,
    maxTokens,
    contextSize,
  };
}

/**
 * Accepts what people put in `OLLAMA_HOST` (`localhost:11434`, `0.0.0.0`, `http://host:port/`) and returns
 * an `http(s)://host[:port][/path]` URL without a trailing slash, or undefined when it is not a URL.
 */
export function normalizeUrl(value: string, defaultPort?: number): string | undefined {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  const withScheme = hasScheme ? value : `http://${value}`;
  try {
    const url = new URL(withScheme);
    // `OLLAMA_HOST=0.0.0.0` means Ollama's own port, as the ollama client reads it.
    if (!hasScheme && url.port === "" && defaultPort !== undefined) url.port = String(defaultPort);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    // A server bound to every interface is reached on the loopback address.
    if (url.hostname === "0.0.0.0") url.hostname = "127.0.0.1";
    return url.toString().replace(/\/+$/, "");
  } catch {
    return undefined;
  }
}
