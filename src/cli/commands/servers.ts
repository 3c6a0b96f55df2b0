/** `agente servers`: connect everything and show each server's state, transport and tools. */
import type { Command } from "commander";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import type { ServerStatus } from "../../mcp/hub.js";
import { translatorFor } from "../global-options.js";
import { withHub } from "../hub-session.js";
import { statusReason } from "../status-reason.js";

export function registerServersCommand(
  program: Command,
  translate: Translator = createTranslator("en"),
): void {
  program
    .command("servers")
    .description("connect every configured MCP server and show its status and tools")
    .option("--json", translate("cliCommands.servers.json"))
    .addHelpText("after", translate("cliHelp.servers"))
    .action(async (options: { json?: boolean }, command: Command) => {
      await withHub(command, async ({ hub, config }) => {
        const statuses = hub.statuses();
        if (everyServerDown(statuses)) process.exitCode = 1;
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
        const t = translatorFor(command);
        console.log(
          config.file === undefined
            ? t("cli.servers.noConfig")
            : t("cli.servers.config", { file: config.file }),
        );
        for (const status of statuses) console.log(formatStatus(status, t));
      });
    });
}

/** Every server that is not disabled is down: nothing works, so `servers` fails (exit 1) for scripts. */
export function everyServerDown(statuses: readonly ServerStatus[]): boolean {
  const enabled = statuses.filter((status) => status.state !== "disabled");
  return enabled.length > 0 && enabled.every((status) => status.state === "down");
}

export function formatStatus(status: ServerStatus, t: Translator = createTranslator("en")): string {
  const info = status.serverInfo ? ` ${status.serverInfo.name} ${status.serverInfo.version}` : "";
  const state = t(`cliOutput.servers.state.${status.state}`);
  const head = `${status.state === "up" ? "●" : "○"} ${status.name}  ${state}  ${status.transport}`;
  // A disabled server's reason is always the config: said here in the user's language.
  const reason =
    status.state === "disabled" ? t("cliOutput.doctor.serverDisabled") : (statusReason(status, t) ?? "");
  if (status.state !== "up") return `${head}  ${reason}`.trimEnd();
  const tools = status.tools.length > 0 ? `\n    ${status.tools.join("  ")}` : "";
  return `${head}  ${t("cliOutput.servers.tools", { count: status.toolCount })}${info ? ` (${info.trim()})` : ""}${tools}`;
}
