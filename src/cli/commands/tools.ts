/** `agente tools list|call`: the hub's tool table, and one call through it. */
import type { Command } from "commander";
import { resolveLanguage } from "../../i18n/language.js";
import { createTranslator } from "../../i18n/translator.js";
import type { ToolResult } from "../../mcp/tool-hub.js";
import { stripControlSequences } from "../../util/terminal-text.js";
import { commandApprover, requireApproval } from "../command-approval.js";
import { withHub } from "../hub-session.js";
import { parseInteger } from "../integer-option.js";
import { parseJsonArguments } from "../json-arguments.js";

export function registerToolsCommand(program: Command): void {
  const tools = program.command("tools").description("list the tools of every server, or call one");

  tools
    .command("list")
    .description("list every exposed tool with its server and description")
    .addHelpText(
      "after",
      `
Examples:
  agente tools list
  agente tools list --json | jq '.[] | select(.annotations.destructiveHint)'`,
    )
    .option("--json", "print the tools (with input schemas and annotations) as JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      await withHub(command, async ({ hub }) => {
        const list = hub.tools();
        if (options.json) {
          console.log(JSON.stringify(list, null, 2));
          return;
        }
        if (list.length === 0) console.log("no tools: run `agente servers` to see which servers are down");
        for (const tool of list) {
          const hints = [
            tool.annotations.readOnlyHint ? "read-only" : undefined,
            tool.annotations.destructiveHint ? "destructive" : undefined,
          ].filter(Boolean);
          console.log(
            stripControlSequences(
              `${tool.name}  [${tool.server}]${hints.length > 0 ? ` (${hints.join(", ")})` : ""}`,
            ),
          );
          if (tool.description) console.log(`    ${stripControlSequences(tool.description).split("\n")[0]}`);
        }
      });
    });

  tools
    .command("call")
    .description("call one tool through the hub and print its result")
    .argument("<name>", "the tool's exposed name (see `agente tools list`)")
    .option("--args <json>", "the arguments as a JSON object", "{}")
    .option("--timeout <ms>", "call timeout in milliseconds (default: the server's, 60000)")
    .option("--json", "print the whole result (content, structuredContent, isError) as JSON")
    .option("-y, --yes", "approve the call if it needs approval (destructive, or a requireApproval server)")
    .addHelpText(
      "after",
      `
Examples:
  agente tools call recuperar_contexto --args '{"pregunta": "horario de atención"}'
  agente tools call read_text_file --args '{"path": "notes.md"}' --json

A tool that needs approval (destructive, or on a requireApproval server) is asked about on a terminal,
and refused without one unless --yes is given, as in a chat.

Exit code: 0 for a result, 1 when the tool reported an error (isError), was refused, or could not be called.`,
    )
    .action(
      async (
        name: string,
        options: { args: string; timeout?: string; json?: boolean; yes?: boolean },
        command: Command,
      ) => {
        const args = parseJsonArguments(options.args);
        const timeoutMs =
          options.timeout === undefined ? undefined : parseInteger(options.timeout, "--timeout", 1);
        await withHub(command, async ({ hub }) => {
          const tool = hub.tools().find((candidate) => candidate.name === name);
          if (tool !== undefined) {
            const t = createTranslator(resolveLanguage());
            await requireApproval(tool, args, commandApprover(options.yes, t));
          }
          const result = await hub.callTool(name, args, timeoutMs === undefined ? {} : { timeoutMs });
          if (options.json) console.log(JSON.stringify(result, null, 2));
          else (result.isError ? console.error : console.log)(stripControlSequences(renderResult(result)));
          if (result.isError) process.exitCode = 1;
        });
      },
    );
}

/** Text parts as they are, other parts summarised, structured content as JSON when there is no text. */
export function renderResult(result: ToolResult): string {
  const parts = result.content.map((part) => {
    switch (part.type) {
      case "text":
        return part.text;
      case "resource":
        return "text" in part.resource ? part.resource.text : `[resource ${part.resource.uri}]`;
      case "resource_link":
        return `[resource ${part.uri}]`;
      default:
        return `[${part.type} content]`;
    }
  });
  if (parts.length === 0 && result.structuredContent !== undefined) {
    parts.push(JSON.stringify(result.structuredContent, null, 2));
  }
  return (result.isError ? ["tool error:", ...parts] : parts).join("\n");
}
