/** `agente tokens create|list|revoke`: personal API tokens for `/v1`, `/api` and `/mcp` (docs/serve.md, "People and sign-in"). */
import type { Command } from "commander";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { translatorFor } from "../global-options.js";
import { COMMAND_LINE_ACTOR, withAccounts } from "../open-accounts.js";

export function registerTokensCommand(
  program: Command,
  translate: Translator = createTranslator("en"),
): void {
  const tokens = program.command("tokens").description(translate("team.command.tokens"));

  tokens
    .command("create <name>")
    .description(translate("team.command.tokensCreate"))
    .option("--label <label>", translate("team.flagLabel"))
    .action(async (name: string, options: { label?: string }, command: Command) => {
      const t = translatorFor(command);
      await withAccounts(command, async (accounts) => {
        const created = await accounts.createToken(COMMAND_LINE_ACTOR, name, options.label);
        // The token alone on stdout (scripts capture it); what it is, on stderr.
        console.error(t("team.tokenCreated", { id: created.info.id, name: created.account.name }));
        console.log(created.token);
      });
    });

  tokens
    .command("list [name]")
    .description(translate("team.command.tokensList"))
    .option("--json", translate("cliCommands.json"))
    .action(async (name: string | undefined, options: { json?: boolean }, command: Command) => {
      const t = translatorFor(command);
      await withAccounts(command, async (accounts) => {
        const list = await accounts.tokens(name);
        if (options.json) {
          console.log(JSON.stringify(list, null, 2));
          return;
        }
        if (list.length === 0) console.log(t("team.noTokens"));
        for (const token of list)
          console.log(
            t("team.tokenLine", {
              id: token.id,
              name: token.userName,
              label: token.label === "" ? "-" : token.label,
              created: token.createdAt.slice(0, 10),
            }),
          );
      });
    });

  tokens
    .command("revoke <id>")
    .description(translate("team.command.tokensRevoke"))
    .action(async (id: string, _options: unknown, command: Command) => {
      const t = translatorFor(command);
      await withAccounts(command, async (accounts) => {
        const token = await accounts.revokeToken(COMMAND_LINE_ACTOR, id);
        console.log(t("team.tokenRevoked", { id: token.id, name: token.userName }));
      });
    });
}
