/** `agente serve`: the web chat, the OpenAI-compatible API and the MCP gateway on one shared hub (docs/serve.md). */
import { type Command, Option } from "commander";
import { resolveLanguage } from "../../i18n/language.js";
import { createTranslator } from "../../i18n/translator.js";
import type { ModelFlags } from "../../llm/model-settings.js";
import { resolveGatewaySettings } from "../../serve/mcp-gateway/gateway-settings.js";
import { createMcpGateway } from "../../serve/mcp-gateway/http-gateway.js";
import { DEFAULT_HOST, DEFAULT_PORT } from "../../serve/serve-settings.js";
import { startServe } from "../../serve/start-serve.js";
import { agenteVersion } from "../../util/version.js";
import { globalOptions } from "../global-options.js";
import { addModelOptions } from "../model-options.js";

interface ServeFlags extends ModelFlags {
  host?: string;
  port?: string;
  toolMode?: string;
  maxSteps?: string;
  context?: boolean;
}

export function registerServeCommand(program: Command): void {
  const serve = program
    .command("serve")
    .description("serve the web chat, an OpenAI-compatible API and the MCP gateway over HTTP")
    .option("--host <address>", `address to listen on (default ${DEFAULT_HOST}; others need AGENTE_API_KEY)`)
    .option("--port <number>", `port to listen on (default ${DEFAULT_PORT})`);
  addModelOptions(serve)
    .addOption(
      new Option("--tool-mode <mode>", "json (default) or native tool calling").choices(["json", "native"]),
    )
    .option("--max-steps <number>", "most steps in one turn (default 6)")
    .option("--no-context", "do not inject retrieved memory context")
    .addHelpText(
      "after",
      `
Examples:
  agente serve                                    http://127.0.0.1:8080 (web chat at /, API at /v1)
  AGENTE_API_KEY=$(openssl rand -hex 24) agente serve --host 0.0.0.0 --port 8080

Environment: AGENTE_API_KEY (bearer key; required off loopback), AGENTE_CORS_ORIGIN, AGENTE_SERVE_TURNS_PER_KEY,
AGENTE_SERVE_BODY_BYTES, AGENTE_SERVE_UPLOAD_BYTES, AGENTE_CONVERSATIONS_PATH. See docs/serve.md.`,
    )
    .action(async (flags: ServeFlags, command: Command) => {
      const options = globalOptions(command);
      const t = createTranslator(resolveLanguage({ env: process.env }));
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const running = await startServe({
        ...(flags.host === undefined ? {} : { host: flags.host }),
        ...(flags.port === undefined ? {} : { port: flags.port }),
        ...(options.config === undefined ? {} : { configPath: options.config }),
        flags,
        t,
        log,
        verbose: options.verbose,
        createMcpGateway: (context) =>
          createMcpGateway({
            hub: context.hub,
            agent: {
              model: context.model,
              settings: context.agentSettings,
              ...(context.selectTools === undefined ? {} : { selectTools: context.selectTools }),
            },
            settings: resolveGatewaySettings(context.config.settings.mcpGateway),
            secrets: context.secrets,
            translate: t,
            version: agenteVersion(),
            log,
          }),
      });
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          log(t("serve.stopping"));
          void running.close().finally(resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}
