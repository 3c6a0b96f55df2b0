/**
 * `agente login SERVER` and `agente logout SERVER`: sign in to a remote MCP server with OAuth (the browser
 * named by `$BROWSER`, else the system's opener, else the printed address; or the redirected address
 * pasted back) and keep its tokens; or delete them. The flow itself is src/mcp/oauth's.
 */
import { createInterface } from "node:readline";
import type { Command } from "commander";
import type { HttpServerConfig } from "../../config/server-config.js";
import { localised } from "../../i18n/localised.js";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { SystemBrowserOpener } from "../../mcp/oauth/browser-opener.js";
import { FileOAuthStore, oauthFolder } from "../../mcp/oauth/file-oauth-store.js";
import { signInToServer, signOutOfServer } from "../../mcp/oauth/sign-in-flow.js";
import { loadAgenteConfig } from "../../runtime/open-hub.js";
import { UserError } from "../../util/errors.js";
import { globalOptions, translatorFor } from "../global-options.js";

export function registerOAuthCommands(
  program: Command,
  translate: Translator = createTranslator("en"),
): void {
  program
    .command("login")
    .description("sign in to a remote MCP server (OAuth) and keep its tokens")
    .argument("<server>", translate("oauth.argument.server"))
    .option("--no-browser", translate("oauth.option.noBrowser"))
    .addHelpText("after", translate("oauth.help.login"))
    .action(async (server: string, flags: { browser?: boolean }, command: Command) => {
      const t = translatorFor(command);
      const config = await remoteServer(command, server);
      const store = new FileOAuthStore(oauthFolder(process.env));
      const say = (line: string) => process.stderr.write(`${line}\n`);
      const outcome = await signInToServer(config, {
        store,
        signIn: {
          opener:
            flags.browser === false
              ? { open: () => Promise.resolve(false) }
              : new SystemBrowserOpener(process.env),
          translate: t,
          say,
          readPastedUrl: readLine,
          alwaysShowUrl: true,
        },
      });
      console.log(
        outcome === "signed-in"
          ? t("oauth.login.done", { server, file: store.fileOf(server) })
          : t("oauth.login.noLoginNeeded", { server }),
      );
    });

  program
    .command("logout")
    .description("sign out of a remote MCP server: delete its stored tokens")
    .argument("<server>", translate("oauth.argument.server"))
    .addHelpText("after", translate("oauth.help.logout"))
    .action(async (server: string, _flags: unknown, command: Command) => {
      const t = translatorFor(command);
      await remoteServer(command, server);
      const removed = signOutOfServer(server, { store: new FileOAuthStore(oauthFolder(process.env)) });
      console.log(t(removed ? "oauth.logout.done" : "oauth.logout.nothing", { server }));
    });
}

/** The named server of the config, which must be a remote one. */
async function remoteServer(command: Command, server: string): Promise<HttpServerConfig> {
  const options = globalOptions(command);
  const config = await loadAgenteConfig(options.config === undefined ? {} : { path: options.config });
  const entry = config.servers.find((candidate) => candidate.name === server);
  if (entry === undefined) {
    throw new UserError(localised("oauth.error.unknownServer", { server }), {
      hint: localised("oauth.error.unknownServerHint"),
    });
  }
  if (entry.transport === "stdio") throw new UserError(localised("oauth.error.notRemote", { server }));
  return entry;
}

/** One line from standard input (a pasted address); undefined when input ends or the sign-in is over. */
function readLine(signal: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    const reader = createInterface({ input: process.stdin, terminal: false });
    const finish = (line: string | undefined) => {
      resolve(line);
      reader.close();
    };
    reader.once("line", (line) => finish(line));
    reader.once("close", () => resolve(undefined));
    signal.addEventListener("abort", () => finish(undefined), { once: true });
  });
}
