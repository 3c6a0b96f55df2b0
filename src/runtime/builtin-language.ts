/**
 * agente's own servers (memory, Odoo) are child processes that inherit only a small safe environment:
 * they learn the language the person chose (`--lang`, `AGENTE_LANG`, the locale) from `AGENTE_LANG`,
 * set here, so the errors they report (`agente servers`, `doctor`, `tools call`) are in that language.
 */
import type { ServerConfig } from "../config/server-config.js";
import type { Language } from "../i18n/language.js";
import { type BuiltinServerName, builtinServerScript } from "../servers/builtin.js";

const BUILTIN: readonly BuiltinServerName[] = ["memory", "odoo"];

/** The servers, with `AGENTE_LANG` set for each of agente's own unless its entry sets it already. */
export function withBuiltinLanguage(servers: readonly ServerConfig[], language: Language): ServerConfig[] {
  const scripts = new Set(BUILTIN.map((name) => builtinServerScript(name)));
  return servers.map((server) => {
    if (server.transport !== "stdio" || !server.args.some((arg) => scripts.has(arg))) return server;
    if (server.env.AGENTE_LANG !== undefined) return server;
    return { ...server, env: { ...server.env, AGENTE_LANG: language } };
  });
}
