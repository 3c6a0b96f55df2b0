/**
 * Entry point of the Odoo MCP server (`dist/servers/odoo/main.js`): reads the `ODOO_*` environment,
 * builds the client and the server, and serves MCP over stdio. Logs go to stderr, never a secret.
 */
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { resolveLanguage } from "../../i18n/language.js";
import { renderLocalised } from "../../i18n/localised.js";
import { createTranslator } from "../../i18n/translator.js";
import { maxResponseBytesFromEnv } from "../../odoo/bounded-body.js";
import { readOdooConfig } from "../../odoo/config.js";
import { openOdooConnection } from "../../odoo/connect.js";
import { describeEndpoint, HttpClient } from "../../odoo/http.js";
import { OdooClient } from "../../odoo/odoo-client.js";
import { loginCheckEnabled, openVerifiedConnection } from "../../odoo/verify-login.js";
import { AgenteError, errorMessage } from "../../util/errors.js";
import { createOdooServer } from "./server.js";

/** The person's language: agente sets AGENTE_LANG for its own servers (see runtime/builtin-language.ts). */
const translate = createTranslator(resolveLanguage({ env: process.env }));

async function main(): Promise<void> {
  const config = readOdooConfig(process.env);
  const http = new HttpClient({
    fetch: globalThis.fetch,
    timeoutMs: config.timeoutMs,
    maxResponseBytes: maxResponseBytesFromEnv(process.env),
  });
  // Verified at start, so a wrong key or an unreachable Odoo fails the start with the reason; the first
  // tool call reuses that connection, later reconnections open a fresh one.
  let verified = loginCheckEnabled(process.env) ? await openVerifiedConnection(config, http) : undefined;
  const client = new OdooClient({
    connect: () => {
      const connection = verified;
      verified = undefined;
      return connection === undefined ? openOdooConnection(config, http) : Promise.resolve(connection);
    },
    models: config.models,
    onConnect: (server) =>
      process.stderr.write(
        `agente-odoo: connected to Odoo ${server.serverVersion} over ${server.protocol}\n`,
      ),
  });
  const secrets = [config.apiKey, config.password].filter((secret): secret is string => secret !== undefined);
  const server = createOdooServer({ client, writeEnabled: config.writeEnabled, secrets, translate });
  // Both protocol eras: the client's first message picks 2026-07-28 (server/discover) or 2025 (initialize).
  serveStdio(() => server);
  process.stderr.write(
    `agente-odoo: serving ${describeEndpoint(config.url)} (protocol ${config.protocol}, ${config.writeEnabled ? "writes enabled" : "read-only"})\n`,
  );
}

main().catch((error: unknown) => {
  // A start-up failure is what `agente servers` and `doctor` show: in the person's language.
  const message =
    error instanceof AgenteError && error.text !== undefined
      ? renderLocalised(error.text, translate)
      : errorMessage(error);
  const hintText = error instanceof AgenteError ? error.hintText : undefined;
  const hintLine =
    hintText === undefined
      ? error instanceof AgenteError
        ? error.hint
        : undefined
      : renderLocalised(hintText, translate);
  const hint = hintLine === undefined ? "" : `\n${hintLine}`;
  process.stderr.write(`agente-odoo: ${message}${hint}\n`);
  process.exit(1);
});
