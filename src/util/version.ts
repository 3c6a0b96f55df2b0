/**
 * agente's version, read once from the `package.json` beside the code: `src/util/` under tsx and
 * `dist/util/` when built both sit two folders below it, so the same relative path works for both.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseJsonReply } from "./parse-reply.js";

const packageSchema = z.looseObject({ version: z.string() });

let version: string | undefined;

/** The `version` field of agente's `package.json`, e.g. "0.1.0". */
export function agenteVersion(): string {
  if (version === undefined) {
    const url = new URL("../../package.json", import.meta.url);
    version = parseJsonReply(packageSchema, readFileSync(url, "utf8"), {
      what: `agente's ${url.pathname}`,
      hint: "reinstall agente: its package.json is damaged",
    }).version;
  }
  return version;
}
