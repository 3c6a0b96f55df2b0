/** `agente resources` and `agente prompts`: what servers offer besides tools, listed and readable. */
import type { Command } from "commander";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { translatorFor } from "../global-options.js";
import { withHub } from "../hub-session.js";
import { parseJsonArguments } from "../json-arguments.js";

export function registerResourcesCommands(
  program: Command,
  translate: Translator = createTranslator("en"),
): void {
  const resources = program.command("resources").description("list or read the resources servers offer");
  resources
    .command("list")
    .description(translate("cliCommands.resources.list"))
    .addHelpText("after", translate("cliHelp.resources.list"))
    .option("--json", translate("cliCommands.json"))
    .action(async (options: { json?: boolean }, command: Command) => {
      await withHub(command, async ({ hub }) => {
        const list = await hub.listResources();
        if (options.json) console.log(JSON.stringify(list, null, 2));
        else if (list.length === 0) console.log(translatorFor(command)("cliOutput.resources.none"));
        else
          for (const resource of list) console.log(`${resource.uri}  [${resource.server}]  ${resource.name}`);
      });
    });
  resources
    .command("read")
    .description(translate("cliCommands.resources.read"))
    .addHelpText("after", translate("cliHelp.resources.read"))
    .argument("<server>", translate("cliCommands.resources.server"))
    .argument("<uri>", translate("cliCommands.resources.uri"))
    .action(async (server: string, uri: string, _options: unknown, command: Command) => {
      await withHub(command, async ({ hub }) => {
        const result = await hub.readResource(server, uri);
        for (const content of result.contents) {
          console.log(
            "text" in content
              ? content.text
              : translatorFor(command)("cliOutput.resources.binary", {
                  mimeType: content.mimeType ?? "data",
                  uri: content.uri,
                }),
          );
        }
      });
    });

  const prompts = program.command("prompts").description("list or get the prompts servers offer");
  prompts
    .command("list")
    .description(translate("cliCommands.prompts.list"))
    .addHelpText("after", translate("cliHelp.prompts.list"))
    .option("--json", translate("cliCommands.json"))
    .action(async (options: { json?: boolean }, command: Command) => {
      await withHub(command, async ({ hub }) => {
        const list = await hub.listPrompts();
        if (options.json) console.log(JSON.stringify(list, null, 2));
        else if (list.length === 0) console.log(translatorFor(command)("cliOutput.prompts.none"));
        else
          for (const prompt of list)
            console.log(`${prompt.name}  [${prompt.server}]  ${prompt.description ?? ""}`);
      });
    });
  prompts
    .command("get")
    .description(translate("cliCommands.prompts.get"))
    .addHelpText("after", translate("cliHelp.prompts.get"))
    .argument("<name>", translate("cliCommands.prompts.name"))
    .option("--args <json>", translate("cliCommands.prompts.args"), "{}")
    .action(async (name: string, options: { args: string }, command: Command) => {
      await withHub(command, async ({ hub }) => {
        const result = await hub.getPrompt(
          name,
          parseJsonArguments(options.args, "--args", translatorFor(command)) as Record<string, string>,
        );
        for (const message of result.messages) {
          const text = message.content.type === "text" ? message.content.text : `[${message.content.type}]`;
          console.log(`${message.role}: ${text}`);
        }
      });
    });
}
