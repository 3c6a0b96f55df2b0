/**
 * The one catalogue of user-facing text. Each area of agente keeps its messages in
 * `messages/<area>.ts`, keys prefixed with the area (`cli.`, `agent.`, …); this file joins them.
 * To add an area: write its table, then add it to `TABLES` below.
 */
import { agentMessages } from "./messages/agent.js";
import { approvalsMessages } from "./messages/approvals.js";
import { cliMessages } from "./messages/cli.js";
import { cliCommanderMessages } from "./messages/cli-commander.js";
import { cliCommandMessages } from "./messages/cli-commands.js";
import { cliErrorMessages } from "./messages/cli-errors.js";
import { cliFlagMessages } from "./messages/cli-flags.js";
import { cliHelpMessages } from "./messages/cli-help.js";
import { cliOutputMessages } from "./messages/cli-output.js";
import { cliViewMessages } from "./messages/cli-view.js";
import { commonMessages } from "./messages/common.js";
import { embedderMessages } from "./messages/embedder.js";
import { errorsMessages } from "./messages/errors.js";
import { errorsConfigMessages } from "./messages/errors-config.js";
import { errorsHubMessages } from "./messages/errors-hub.js";
import { errorsMemoryMessages } from "./messages/errors-memory.js";
import { errorsModelMessages } from "./messages/errors-model.js";
import { errorsOdooMessages } from "./messages/errors-odoo.js";
import { errorsOdooToolsMessages } from "./messages/errors-odoo-tools.js";
import { evalReportMessages } from "./messages/eval-report.js";
import { gatewayMessages } from "./messages/gateway.js";
import { ingestMessages } from "./messages/ingest.js";
import { mcpClientMessages } from "./messages/mcp-client.js";
import { modelsMessages } from "./messages/models.js";
import { oauthMessages } from "./messages/oauth.js";
import { oidcMessages } from "./messages/oidc.js";
import { pageMessages } from "./messages/page.js";
import { promptMessages } from "./messages/prompt.js";
import { securityMessages } from "./messages/security.js";
import { serveMessages } from "./messages/serve.js";
import { teamMessages } from "./messages/team.js";

export const TABLES = {
  common: commonMessages,
  cli: cliMessages,
  cliFlags: cliFlagMessages,
  cliCommander: cliCommanderMessages,
  cliCommands: cliCommandMessages,
  cliErrors: cliErrorMessages,
  cliHelp: cliHelpMessages,
  cliOutput: cliOutputMessages,
  cliView: cliViewMessages,
  evalReport: evalReportMessages,
  agent: agentMessages,
  prompt: promptMessages,
  gateway: gatewayMessages,
  models: modelsMessages,
  security: securityMessages,
  serve: serveMessages,
  page: pageMessages,
  embedder: embedderMessages,
  ingest: ingestMessages,
  errors: errorsMessages,
  errorsConfig: errorsConfigMessages,
  errorsModel: errorsModelMessages,
  errorsHub: errorsHubMessages,
  errorsMemory: errorsMemoryMessages,
  errorsOdoo: errorsOdooMessages,
  errorsOdooTools: errorsOdooToolsMessages,
  oauth: oauthMessages,
  approvals: approvalsMessages,
  mcpClient: mcpClientMessages,
  oidc: oidcMessages,
  team: teamMessages,
} as const;

type Tables = typeof TABLES;
type Union<T> = T[keyof T];
type AllMessages = Union<{ [Area in keyof Tables]: Tables[Area] }>;
type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** Every message key of the catalogue. */
export type MessageKey = Extract<KeysOfUnion<AllMessages>, string>;

/** The catalogue as one flat table (keys never collide: each starts with its area). */
export const catalogue: Record<MessageKey, { en: string; es: string }> = Object.assign(
  {},
  ...Object.values(TABLES),
);
