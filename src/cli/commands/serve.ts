/** `agente serve`: the web chat, the OpenAI-compatible API and the MCP gateway on one shared hub (docs/serve.md). */
import { type Command, Option } from "commander";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import type { ModelFlags } from "../../llm/model-settings.js";
import { builtinMemoryServers } from "../../runtime/context-trust.js";
import { resolveGatewaySettings } from "../../serve/mcp-gateway/gateway-settings.js";
import { createMcpGateway } from "../../serve/mcp-gateway/http-gateway.js";
import { DEFAULT_HOST, DEFAULT_PORT } from "../../serve/serve-settings.js";
import { startServe } from "../../serve/start-serve.js";
import { agenteVersion } from "../../util/version.js";
import { globalOptions, translatorFor } from "../global-options.js";
import { explainListenFailure } from "../listen-failure.js";
import { addModelOptions } from "../model-options.js";

interface ServeFlags extends ModelFlags {
  host?: string;
  port?: string;
  tlsCert?: string;
  tlsKey?: string;
  toolMode?: string;
  maxSteps?: string;
  context?: boolean;
}

export function registerServeCommand(program: Command, help: Translator = createTranslator("en")): void {
  const serve = program
    .command("serve")
    .description("serve the web chat, an OpenAI-compatible API and the MCP gateway over HTTP")
    .option("--host <address>", help("cliCommands.serve.host", { host: DEFAULT_HOST }))
    .option("--port <number>", help("cliCommands.serve.port", { port: DEFAULT_PORT }))
    .option("--tls-cert <file>", help("team.flagTlsCert"))
    .option("--tls-key <file>", help("team.flagTlsKey"));
  addModelOptions(serve)
    .addOption(
      new Option("--tool-mode <mode>", help("cliCommands.serve.toolMode")).choices(["json", "native"]),
    )
    .option("--max-steps <number>", "most steps in one turn (default 6)")
    .option("--no-context", "do not inject retrieved memory context")
    .addHelpText("after", help("cliHelp.serve"))
    .action(async (flags: ServeFlags, command: Command) => {
      const options = globalOptions(command);
      const t = translatorFor(command);
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const running = await startServe({
        ...(flags.host === undefined ? {} : { host: flags.host }),
        ...(flags.port === undefined ? {} : { port: flags.port }),
        ...(options.config === undefined ? {} : { configPath: options.config }),
        tls: {
          ...(flags.tlsCert === undefined ? {} : { certFile: flags.tlsCert }),
          ...(flags.tlsKey === undefined ? {} : { keyFile: flags.tlsKey }),
        },
        flags,
        t,
        log,
        verbose: options.verbose,
        createMcpGateway: (context) =>
          createMcpGateway({
            hub: context.hub,
            agent: {
              hub: context.toolHub,
              model: context.model,
              settings: context.agentSettings,
              ...(context.selectTools === undefined ? {} : { selectTools: context.selectTools }),
            },
            settings: resolveGatewaySettings(context.config.settings.mcpGateway),
            secrets: context.secrets,
            translate: t,
            version: agenteVersion(),
            log,
            memoryServers: builtinMemoryServers(context.config.servers),
          }),
      }).catch((error: unknown) => {
        throw explainListenFailure(error, flags.host ?? DEFAULT_HOST, flags.port ?? DEFAULT_PORT);
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
