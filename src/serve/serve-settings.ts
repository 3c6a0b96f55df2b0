/**
 * Where `agente serve` listens and what it allows, from its flags and the environment. Binding anything
 * but loopback without `AGENTE_API_KEY` is refused: the agent can act on the user's data.
 */
import type { Translator } from "../i18n/translator.js";
import { UserError } from "../util/errors.js";
import { DEFAULT_LIMITS, type ServeLimits } from "./create-app.js";

export interface ServeSettings {
  host: string;
  port: number;
  apiKey: string | undefined;
  corsOrigin: string | undefined;
  /** Names besides loopback the server answers to without a key (`AGENTE_ALLOWED_HOSTS`, comma-separated). */
  allowedHosts: string[];
  limits: ServeLimits;
  /** `AGENTE_TRUST_PROXY`: true, or the proxies' addresses; absent: X-Forwarded-* headers are ignored. */
  trustProxy: boolean | string | undefined;
}

/** The shortest `AGENTE_API_KEY` accepted: a short key is guessed, and the secret guard rewrites its text everywhere. */
export const MIN_API_KEY_LENGTH = 16;

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 8080;

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

export function resolveServeSettings(input: {
  host?: string;
  port?: string | number;
  env: Record<string, string | undefined>;
  t: Translator;
  /** Whether local accounts exist: then any address may be bound without a key (everyone signs in). */
  hasAccounts?: boolean;
}): ServeSettings {
  const host = input.host?.trim() || DEFAULT_HOST;
  const port = integer(input.port ?? DEFAULT_PORT, "--port", 0, 65535);
  const apiKey = input.env.AGENTE_API_KEY?.trim() || undefined;
  if (apiKey !== undefined && [...apiKey].length < MIN_API_KEY_LENGTH)
    throw new UserError(input.t("team.keyTooShort", { length: [...apiKey].length, min: MIN_API_KEY_LENGTH }));
  if (apiKey === undefined && !isLoopback(host) && input.hasAccounts !== true)
    throw new UserError(input.t("serve.needsKey", { host }));
  const limits: ServeLimits = {
    bodyBytes: optionalInteger(
      input.env.AGENTE_SERVE_BODY_BYTES,
      "AGENTE_SERVE_BODY_BYTES",
      DEFAULT_LIMITS.bodyBytes,
    ),
    uploadBytes: optionalInteger(
      input.env.AGENTE_SERVE_UPLOAD_BYTES,
      "AGENTE_SERVE_UPLOAD_BYTES",
      DEFAULT_LIMITS.uploadBytes,
    ),
    turnsPerKey: optionalInteger(
      input.env.AGENTE_SERVE_TURNS_PER_KEY,
      "AGENTE_SERVE_TURNS_PER_KEY",
      DEFAULT_LIMITS.turnsPerKey,
    ),
  };
  const allowedHosts = (input.env.AGENTE_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const corsOrigin = input.env.AGENTE_CORS_ORIGIN?.trim() || undefined;
  const trustProxy = trustProxySetting(input.env.AGENTE_TRUST_PROXY, input.t);
  return { host, port, apiKey, corsOrigin, allowedHosts, limits, trustProxy };
}

/** `true`/`false`, or the addresses (and CIDR ranges, or `loopback`) of the proxies to trust. */
function trustProxySetting(value: string | undefined, t: Translator): boolean | string | undefined {
  const text = value?.trim().toLowerCase() ?? "";
  if (text === "") return undefined;
  if (["true", "yes", "1"].includes(text)) return true;
  if (["false", "no", "0"].includes(text)) return false;
  const entries = text.split(",").map((entry) => entry.trim());
  const address = /^(loopback|linklocal|uniquelocal|[0-9a-f:.]+(\/\d{1,3})?)$/;
  if (entries.every((entry) => address.test(entry))) return entries.join(",");
  throw new UserError(t("team.badTrustProxy", { value: value ?? "" }));
}

function optionalInteger(value: string | undefined, name: string, fallback: number): number {
  return value === undefined || value.trim() === ""
    ? fallback
    : integer(value, name, 1, Number.MAX_SAFE_INTEGER);
}

function integer(value: string | number, name: string, min: number, max: number): number {
  const number = typeof value === "number" ? value : Number(value.trim());
  if (!Number.isInteger(number) || number < min || number > max)
    throw new UserError(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
  return number;
}
