/**
 * `agente mcp`: agente as an MCP server over stdio, for Claude Desktop, Cursor, VS Code and any MCP client.
 * It serves every hub tool, resource and prompt, plus `preguntar_agente` (one whole agent turn). stdout is
 * the protocol: every log line goes to stderr.
 */
import type { Command } from "commander";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { resolveGatewaySettings } from "../../serve/mcp-gateway/gateway-settings.js";
import { serveMcpOverStdio } from "../../serve/mcp-gateway/stdio-gateway.js";
import { releaseTerminal } from "../../util/terminal-sink.js";
import { withAgentRuntime } from "../agent-runtime.js";
import { translatorFor } from "../global-options.js";
import { addAgentOptions, type RunFlags } from "../model-options.js";

export function registerMcpCommand(program: Command, help: Translator = createTranslator("en")): void {
  const mcp = program
    .command("mcp")
    .description(
      "serve agente's tools and agent as an MCP server over stdio (Claude Desktop, Cursor, VS Code)",
    );
  addAgentOptions(mcp)
    .addHelpText("after", help("cliHelp.mcp"))
    .action(async (flags: RunFlags, command: Command) => {
      // stdout carries the MCP protocol, not text for a person: it is written as it is.
      releaseTerminal(process.stdout);
      await withAgentRuntime(command, flags, async (runtime) => {
        const translate = translatorFor(command);
        const settings = resolveGatewaySettings(
          runtime.config.settings.mcpGateway,
          flags.yes === true ? { allowUnconfirmed: true } : {},
        );
        process.stderr.write(`${translate("gateway.stdio.ready", { tools: runtime.hub.tools().length })}\n`);
        await serveMcpOverStdio({
          hub: runtime.hub,
          agent: {
            hub: runtime.toolHub,
            model: runtime.model,
            settings: runtime.agentSettings,
            onEvent: runtime.onEvent,
            ...(runtime.selectTools === undefined ? {} : { selectTools: runtime.selectTools }),
          },
          settings,
          secrets: runtime.secrets,
          translate,
          // The programs own `--version` value, read here so this file need not import main.ts.
          version: program.version() ?? "unknown",
          log: (line) => process.stderr.write(`${line}\n`),
        });
      });
    });
}
