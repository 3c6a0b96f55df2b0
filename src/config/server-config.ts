/**
 * The `mcpServers` entries, as Claude Desktop, Cursor and VS Code write them, plus agente's optional keys.
 * Parsing turns one raw entry into a `ServerConfig` or a `ConfigError` that names the file, server and field.
 */
import { z } from "zod";
import { inEnglish, type LocalisedText, localised } from "../i18n/localised.js";
import { closestWord } from "../util/closest-word.js";
import { describeUnknownKey, findUnknownKey } from "./unknown-keys.js";
import { zodProblem } from "./zod-problem.js";

const common = {
  disabled: z.boolean().optional(),
  /** Per-call timeout; progress notifications reset it. */
  timeoutMs: z.number().int().positive().optional(),
  /** How long to wait for the server to start and initialise. */
  connectTimeoutMs: z.number().int().positive().optional(),
  allowedTools: z.array(z.string()).optional(),
  excludedTools: z.array(z.string()).optional(),
  /** Ask the user before every call to this server's tools, whatever their annotations say. */
  requireApproval: z.boolean().optional(),
};

export const stdioEntrySchema = z
  .object({
    type: z.literal("stdio").optional(),
    command: z.string().min(1, "must not be empty"),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    cwd: z.string().optional(),
    ...common,
  })
  .strict();

export const httpEntrySchema = z
  .object({
    type: z.enum(["http", "streamable-http", "streamableHttp", "sse"]).optional(),
    url: z.string().url("must be an http(s) URL"),
    headers: z.record(z.string(), z.string()).optional(),
    ...common,
  })
  .strict();

interface CommonServerConfig {
  /** The key of the entry in `mcpServers`. */
  name: string;
  disabled: boolean;
  timeoutMs: number;
  connectTimeoutMs: number;
  allowedTools: string[] | undefined;
  excludedTools: string[];
  requireApproval: boolean;
  /** `${VAR}`s used by this entry that are unset: the server cannot start until they are set. */
  missingVariables: string[];
}

export interface StdioServerConfig extends CommonServerConfig {
  transport: "stdio";
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string | undefined;
}

export interface HttpServerConfig extends CommonServerConfig {
  /** `http` tries Streamable HTTP first and falls back to SSE; `sse` goes straight to SSE. */
  transport: "http" | "sse";
  url: string;
  headers: Record<string, string>;
}

export type ServerConfig = StdioServerConfig | HttpServerConfig;

export const DEFAULT_CALL_TIMEOUT_MS = 60_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

type CommonEntry = z.infer<typeof stdioEntrySchema> | z.infer<typeof httpEntrySchema>;

function commonConfig(name: string, entry: CommonEntry, missingVariables: string[]): CommonServerConfig {
  return {
    name,
    disabled: entry.disabled ?? false,
    timeoutMs: entry.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
    connectTimeoutMs: entry.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    allowedTools: entry.allowedTools,
    excludedTools: entry.excludedTools ?? [],
    requireApproval: entry.requireApproval ?? false,
    missingVariables,
  };
}

export type EntryParse =
  | { ok: true; config: ServerConfig }
  /** `problem` is the English text of `problemText`. */
  | { ok: false; field: string; problem: string; problemText: LocalisedText };

function invalid(field: string, problemText: LocalisedText): EntryParse {
  return { ok: false, field, problem: inEnglish(problemText), problemText };
}

/** Validates one expanded entry. `missingVariables` come from the expansion step. */
export function parseServerEntry(name: string, entry: unknown, missingVariables: string[] = []): EntryParse {
  const object = z.record(z.string(), z.unknown()).safeParse(entry);
  if (!object.success) {
    return invalid("", localised("errorsConfig.entryNotObject"));
  }
  const record = object.data;
  const isHttp = "url" in record || (typeof record.type === "string" && record.type !== "stdio");
  if (!isHttp && !("command" in record)) {
    // `"comand": …` is the command misspelt, not a missing one: say which key was meant.
    const misspelt = Object.keys(record).find((key) => closestWord(key, ["command"]) !== undefined);
    return invalid(
      "command",
      misspelt === undefined
        ? localised("errorsConfig.commandRequired")
        : localised("errorsConfig.commandMisspelt", { key: misspelt }),
    );
  }
  if (isHttp) {
    const result = httpEntrySchema.safeParse(record);
    if (!result.success) return failure(httpEntrySchema, result.error);
    const data = result.data;
    return {
      ok: true,
      config: {
        ...commonConfig(name, data, missingVariables),
        transport: data.type === "sse" ? "sse" : "http",
        url: data.url,
        headers: data.headers ?? {},
      },
    };
  }
  const result = stdioEntrySchema.safeParse(record);
  if (!result.success) return failure(stdioEntrySchema, result.error);
  const data = result.data;
  return {
    ok: true,
    config: {
      ...commonConfig(name, data, missingVariables),
      transport: "stdio",
      command: data.command,
      args: data.args ?? [],
      env: data.env ?? {},
      cwd: data.cwd,
    },
  };
}

function failure(schema: z.ZodType, error: z.ZodError): EntryParse {
  const found = findUnknownKey(schema, error.issues);
  if (found !== undefined) {
    const field = found.unknown.path.split(".").slice(0, -1).join(".");
    return invalid(field, describeUnknownKey(found.unknown, found.known));
  }
  const issue = error.issues[0];
  return invalid(issue?.path.join(".") ?? "", zodProblem(issue));
}
