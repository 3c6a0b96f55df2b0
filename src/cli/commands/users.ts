/** `agente users add|list|rm|passwd`: the local accounts of `agente serve` (docs/serve.md, "People and sign-in"). */
import type { Command } from "commander";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { translatorFor } from "../global-options.js";
import { COMMAND_LINE_ACTOR, withAccounts } from "../open-accounts.js";
import { readNewPassword } from "../password-input.js";

export function registerUsersCommand(program: Command, translate: Translator = createTranslator("en")): void {
  const users = program.command("users").description(translate("team.command.users"));

  users
    .command("add <name>")
    .description(translate("team.command.usersAdd"))
    .requiredOption("--role <role>", translate("team.flagRole"))
    .action(async (name: string, options: { role: string }, command: Command) => {
      const t = translatorFor(command);
      await withAccounts(command, async (accounts) => {
        // The role is checked before the password is asked for: no typing twice for nothing.
        await accounts.checkNewUser(name, options.role);
        const password = await readNewPassword(t, name);
        const account = await accounts.addUser(COMMAND_LINE_ACTOR, { name, role: options.role, password });
        console.log(t("team.userAdded", { name: account.name, role: account.role }));
      });
    });

  users
    .command("list")
    .description(translate("team.command.usersList"))
    .option("--json", translate("cliCommands.json"))
    .action(async (options: { json?: boolean }, command: Command) => {
      const t = translatorFor(command);
      await withAccounts(command, async (accounts) => {
        const list = await accounts.users();
        if (options.json) {
          console.log(JSON.stringify(list, null, 2));
          return;
        }
        if (list.length === 0) console.log(t("team.noUsers"));
        for (const user of list)
          console.log(
            t("team.userLine", { name: user.name, role: user.role, created: user.createdAt.slice(0, 10) }),
          );
      });
    });

  users
    .command("rm <name>")
    .description(translate("team.command.usersRm"))
    .action(async (name: string, _options: unknown, command: Command) => {
      const t = translatorFor(command);
      await withAccounts(command, async (accounts) => {
        const account = await accounts.removeUser(COMMAND_LINE_ACTOR, name);
        console.log(t("team.userRemoved", { name: account.name }));
      });
    });

  users
    .command("role <name> <role>")
    .description(translate("team.command.usersRole"))
    .action(async (name: string, role: string, _options: unknown, command: Command) => {
      const t = translatorFor(command);
      await withAccounts(command, async (accounts) => {
        const account = await accounts.changeRole(COMMAND_LINE_ACTOR, name, role);
        console.log(t("team.roleChanged", { name: account.name, role: account.role }));
      });
    });

  users
    .command("passwd <name>")
    .description(translate("team.command.usersPasswd"))
    .action(async (name: string, _options: unknown, command: Command) => {
      const t = translatorFor(command);
      await withAccounts(command, async (accounts) => {
        await accounts.userNamed(name);
        const password = await readNewPassword(t, name);
        const account = await accounts.changePassword(COMMAND_LINE_ACTOR, name, password);
        console.log(t("team.passwordChanged", { name: account.name }));
      });
    });
}
