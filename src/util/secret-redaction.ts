/**
 * The redaction core: which values of an environment are secrets, every form a secret can take on the way
 * out (as written, percent-encoded, base64 at any alignment, hex, any letter case, JSON-escaped), and one
 * `Redactor` that replaces them all with `[redacted]`. Every output sink (tool results and schemas, server
 * errors and statuses, stderr lines, traces, the terminal) goes through one of these; the agent's guard
 * and the hub share it.
 */

import { urlPasswordForms } from "./url-credentials.js";

export const REDACTED = "[redacted]";

/** Names whose values are secrets: `*_KEY`, `*_TOKEN`, `*_PASSWORD`, `*_PWD`, `*_CREDS`, `*_DSN`, … */
const SECRET_NAME =
  /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|_PWD|PASS|PASSPHRASE|CREDENTIALS?|CREDS?|AUTH|AUTHORIZATION|DSN|COOKIE)$/i;
/** Shorter values ("1", "true", a port) are not secrets and would redact ordinary text. */
const MIN_SECRET_LENGTH = 6;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Secret values in an environment: whole values of secret-named variables, and every URL that carries
 * credentials together with its password (as written, and decoded).
 */
export function secretValues(env: Record<string, string | undefined>): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    for (const secret of secretsInValue(name, value)) secrets.add(secret);
  }
  // Longest first, so a URL is replaced whole before the password inside it.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** The secrets one named value holds (a header, an env entry): none for ordinary settings. */
export function secretsInValue(name: string, value: string): string[] {
  const found: string[] = [];
  const credentials = urlPasswordForms(value);
  if (credentials !== undefined) {
    found.push(value, ...credentials);
  }
  if (value.trim().length >= MIN_SECRET_LENGTH && isSecretName(name)) {
    // A value written with spaces around it (`KEY= abc `) is used trimmed: hide both.
    found.push(value, value.trim());
    // `Bearer abc…`, `Basic dXNl…`: the token alone is the secret too.
    const token = /^(?:bearer|basic|token)\s+(\S{6,})$/i.exec(value.trim())?.[1];
    if (token !== undefined) found.push(token);
  }
  return found;
}

/** Every form of `secret` worth looking for in output. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const encoded = encodeURIComponent(secret);
  forms.add(encoded);
  forms.add(encoded.replace(/%20/g, "+"));
  forms.add(JSON.stringify(secret).slice(1, -1));
  const bytes = Buffer.from(secret, "utf8");
  forms.add(bytes.toString("hex"));
  for (const form of base64Cores(bytes)) {
    forms.add(form);
    forms.add(form.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH || form === secret);
}

/**
 * The base64 characters that depend only on `bytes`, for each of the three alignments the secret can
 * have inside a longer encoded value (`user:password` in a Basic header, a file encoded whole).
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString("base64")
      .replace(/=+$/, "");
    const start = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    if (end > start) cores.push(encoded.slice(start, end));
  }
  return cores;
}

/** Replaces every form of every secret it knows, in text or in any JSON-like value. */
export class Redactor {
  readonly secrets: readonly string[];
  /** The longest form searched for: a stream must hold back one character fewer to never split one. */
  readonly longestForm: number;
  private readonly pattern: RegExp | undefined;

  constructor(secrets: Iterable<string>) {
    this.secrets = [...new Set(secrets)].filter((secret) => secret.length > 0);
    const forms = [...new Set(this.secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
    this.longestForm = forms[0]?.length ?? 0;
    this.pattern = forms.length === 0 ? undefined : new RegExp(forms.map(escapeRegExp).join("|"), "gi");
  }

  get empty(): boolean {
    return this.pattern === undefined;
  }

  text(text: string): string {
    if (this.pattern === undefined) return text;
    return text.replace(this.pattern, REDACTED);
  }

  /**
   * A copy of a JSON-like value with every string cleaned, keys included: a server can use a secret as a
   * property name (of a schema, of `structuredContent`). Two keys that become the same are kept apart as
   * `[redacted]`, `[redacted] (2)`, … so no entry is lost.
   */
  value<T>(value: T): T {
    if (this.pattern === undefined) return value;
    return this.clean(value) as T;
  }

  /** The error itself, its message, hint and stack cleaned in place (its class and fields stay). */
  error<T>(error: T): T {
    if (this.pattern === undefined || !(error instanceof Error)) return error;
    error.message = this.text(error.message);
    if (error.stack !== undefined) error.stack = this.text(error.stack);
    const hint: unknown = Reflect.get(error, "hint");
    if (typeof hint === "string") Reflect.defineProperty(error, "hint", { value: this.text(hint) });
    // The catalogue forms of message and hint (AgenteError's `text`, `hintText`): clean their parameters.
    for (const field of ["text", "hintText"]) {
      const text: unknown = Reflect.get(error, field);
      if (text !== null && typeof text === "object" && "params" in text)
        Reflect.defineProperty(error, field, { value: { ...text, params: this.value(text.params) } });
    }
    return error;
  }

  /** Every occurrence of a secret's form in `text`, in order. */
  occurrences(text: string): RegExpMatchArray[] {
    if (this.pattern === undefined) return [];
    return [...text.matchAll(new RegExp(this.pattern))];
  }

  /** A redactor that also knows `more`. */
  with(more: Iterable<string>): Redactor {
    return new Redactor([...this.secrets, ...more]);
  }

  private clean(value: unknown): unknown {
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((entry) => this.clean(entry));
    if (value !== null && typeof value === "object") {
      const keys = new Set<string>();
      return Object.fromEntries(
        Object.entries(value).map(([key, entry]) => [distinctKey(this.text(key), keys), this.clean(entry)]),
      );
    }
    return value;
  }
}

/** `key`, or `key (2)`, `key (3)`, … when an earlier entry already took it; records the one chosen. */
function distinctKey(key: string, taken: Set<string>): string {
  let chosen = key;
  for (let count = 2; taken.has(chosen); count++) chosen = `${key} (${count})`;
  taken.add(chosen);
  return chosen;
}

/**
 * Redacts a stream cut into arbitrary chunks: holds back the last `longestForm - 1` characters, so a
 * secret split across two chunks is still seen whole. `end()` flushes what is held back.
 */
export class StreamRedactor {
  private held = "";

  constructor(private readonly redactor: Redactor) {}

  push(chunk: string): string {
    this.held += chunk;
    const cut = this.held.length - Math.max(0, this.redactor.longestForm - 1);
    if (cut <= 0) return "";
    let output = "";
    let last = 0;
    for (const match of this.redactor.occurrences(this.held)) {
      const index = match.index ?? 0;
      if (index >= cut) break;
      output += this.held.slice(last, index) + REDACTED;
      last = index + match[0].length;
    }
    if (last < cut) {
      output += this.held.slice(last, cut);
      last = cut;
    }
    this.held = this.held.slice(last);
    return output;
  }

  end(): string {
    const rest = this.redactor.text(this.held);
    this.held = "";
    return rest;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
