/** `agente servers`: connect everything and show each server's state, transport and tools. */
import type { Command } from "commander";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import type { ServerStatus } from "../../mcp/hub.js";
import { stripControlSequences } from "../../util/terminal-text.js";
import { translatorFor } from "../global-options.js";
import { withHub } from "../hub-session.js";
import { statusReason } from "../status-reason.js";

export function registerServersCommand(program: Command): void {
  program
    .command("servers")
    .description("connect every configured MCP server and show its status and tools")
    .option("--json", "print the status as JSON for scripts")
    .addHelpText(
      "after",
      `
Examples:
  agente servers                      status of every server in ./agente.json (or the defaults)
  agente servers --json | jq '.[] | select(.state != "up")'
  agente --config team.json servers

Exit code: 0 even when some servers are down (their reason is printed); 1 when the config is invalid.`,
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      await withHub(command, async ({ hub, config }) => {
        const statuses = hub.statuses();
        if (options.json) {
          // Scripts read the English `reason`; its catalogue form is for the terminal only.
          console.log(
            JSON.stringify(
              statuses.map(({ reasonText: _, ...status }) => status),
              null,
              2,
            ),
          );
          return;
        }
        const translate = translatorFor(command);
        console.log(
          config.file === undefined
            ? translate("cli.servers.noConfig")
            : translate("cli.servers.config", { file: config.file }),
        );
        for (const status of statuses) console.log(stripControlSequences(formatStatus(status, translate)));
      });
    });
}

export function formatStatus(status: ServerStatus, translate: Translator = createTranslator("en")): string {
  const info = status.serverInfo ? ` ${status.serverInfo.name} ${status.serverInfo.version}` : "";
  const head = `${status.state === "up" ? "●" : "○"} ${status.name}  ${status.state}  ${status.transport}`;
  if (status.state !== "up") return `${head}  ${statusReason(status, translate) ?? ""}`.trimEnd();
  const tools = status.tools.length > 0 ? `\n    ${status.tools.join("  ")}` : "";
  return `${head}  ${status.toolCount} tool${status.toolCount === 1 ? "" : "s"}${info ? ` (${info.trim()})` : ""}${tools}`;
}
