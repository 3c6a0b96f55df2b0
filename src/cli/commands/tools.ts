/** `agente tools list|call`: the hub's tool table, and one call through it. */
import type { Command } from "commander";
import { localised } from "../../i18n/localised.js";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import type { Progress } from "../../mcp/client-handlers.js";
import { UnknownToolError } from "../../mcp/errors.js";
import type { ServerStatus } from "../../mcp/hub.js";
import type { ToolResult } from "../../mcp/tool-hub.js";
import { SystemError } from "../../util/errors.js";
import { personTextOf } from "../../util/person-text.js";
import { writeControl } from "../../util/terminal-sink.js";
import { stripControlSequences } from "../../util/terminal-text.js";
import { commandApprover, requireApproval } from "../command-approval.js";
import { translatorFor } from "../global-options.js";
import { withHub } from "../hub-session.js";
import { parseInteger } from "../integer-option.js";
import { parseJsonArguments } from "../json-arguments.js";
import { statusReason } from "../status-reason.js";
import { progressText } from "../turn-feedback.js";

export function registerToolsCommand(program: Command, translate: Translator = createTranslator("en")): void {
  const tools = program.command("tools").description("list the tools of every server, or call one");

  tools
    .command("list")
    .description(translate("cliCommands.tools.list"))
    .addHelpText("after", translate("cliHelp.tools.list"))
    .option("--json", translate("cliCommands.tools.listJson"))
    .action(async (options: { json?: boolean }, command: Command) => {
      const t = translatorFor(command);
      await withHub(command, async ({ hub }) => {
        const list = hub.tools();
        if (options.json) {
          console.log(JSON.stringify(list, null, 2));
          return;
        }
        if (list.length === 0) console.log(t("cliOutput.tools.none"));
        for (const tool of list) {
          const hints = [
            tool.annotations.readOnlyHint ? t("cliOutput.tools.readOnly") : undefined,
            tool.annotations.destructiveHint ? t("cliOutput.tools.destructive") : undefined,
          ].filter(Boolean);
          console.log(`${tool.name}  [${tool.server}]${hints.length > 0 ? ` (${hints.join(", ")})` : ""}`);
          if (tool.description) console.log(`    ${tool.description.split(/[\r\n]/)[0]}`);
        }
      });
    });

  tools
    .command("call")
    .description(translate("cliCommands.tools.call"))
    .argument("<name>", translate("cliCommands.tools.name"))
    .option("--args <json>", translate("cliCommands.argsJson"), "{}")
    .option("--timeout <ms>", translate("cliCommands.tools.timeout"))
    .option("--json", translate("cliCommands.tools.callJson"))
    .option("-y, --yes", translate("cliCommands.tools.yes"))
    .addHelpText("after", translate("cliHelp.tools.call"))
    .action(
      async (
        name: string,
        options: { args: string; timeout?: string; json?: boolean; yes?: boolean },
        command: Command,
      ) => {
        const t = translatorFor(command);
        const args = parseJsonArguments(options.args, "--args", t);
        const timeoutMs =
          options.timeout === undefined ? undefined : parseInteger(options.timeout, "--timeout", 1, t);
        await withHub(command, async ({ hub }) => {
          const tool = hub.tools().find((candidate) => candidate.name === name);
          if (tool !== undefined) await requireApproval(tool, args, commandApprover(options.yes, t));
          // A server's progress, on one line of the terminal (cleared when the call ends).
          const onProgress = process.stderr.isTTY
            ? (progress: Progress) =>
                writeControl(process.stderr, `\r${progressText({ tool: name, ...progress })}\x1b[K`)
            : undefined;
          const result = await hub
            .callTool(name, args, {
              ...(timeoutMs === undefined ? {} : { timeoutMs }),
              ...(onProgress === undefined ? {} : { onProgress }),
            })
            .finally(() => {
              if (onProgress !== undefined) writeControl(process.stderr, "\r\x1b[K");
            })
            .catch((error: unknown) => {
              throw error instanceof UnknownToolError ? onDownServer(error, hub.statuses(), t) : error;
            });
          if (options.json) console.log(JSON.stringify(result, null, 2));
          else (result.isError ? console.error : console.log)(renderResult(result, t));
          if (result.isError) process.exitCode = 1;
        });
      },
    );
}

/**
 * A tool no connected server offers, while some server is down: the tool is most likely that server's, so
 * say which servers are down and why instead of only "no server offers it".
 */
function onDownServer(error: UnknownToolError, statuses: ServerStatus[], t: Translator): Error {
  const down = statuses.filter((status) => status.state === "down");
  if (down.length === 0) return error;
  const servers = down
    .map((status) =>
      t(down.length === 1 ? "cliOutput.tools.downServer" : "cliOutput.tools.downServerShort", {
        name: status.name,
        reason: statusReason(status, t) ?? t("cliOutput.servers.unknownReason"),
      }),
    )
    .join("; ");
  return new SystemError(
    localised(down.length === 1 ? "cliOutput.tools.unknownOneDown" : "cliOutput.tools.unknownSomeDown", {
      tool: error.toolName,
      servers: stripControlSequences(servers),
    }),
    { cause: error, hint: localised("cliOutput.tools.unknownDownHint") },
  );
}

/** Text parts as they are, other parts summarised, structured content as JSON when there is no text. */
export function renderResult(result: ToolResult, t: Translator = createTranslator("en")): string {
  // A failure of agente's own servers carries its text in the person's language too: shown instead.
  const personText = result.isError ? personTextOf(result) : undefined;
  if (personText !== undefined)
    return [t("cliOutput.tools.error"), stripControlSequences(personText)].join("\n");
  const parts = result.content.map((part) => {
    switch (part.type) {
      case "text":
        return part.text;
      case "resource":
        return "text" in part.resource
          ? part.resource.text
          : t("cliOutput.tools.resource", { uri: part.resource.uri });
      case "resource_link":
        return t("cliOutput.tools.resource", { uri: part.uri });
      default:
        return t("cliOutput.tools.content", { type: part.type });
    }
  });
  if (parts.length === 0 && result.structuredContent !== undefined) {
    parts.push(JSON.stringify(result.structuredContent, null, 2));
  }
  return (result.isError ? [t("cliOutput.tools.error"), ...parts] : parts).join("\n");
}
