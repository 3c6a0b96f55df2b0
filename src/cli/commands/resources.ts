/** `agente resources` and `agente prompts`: what servers offer besides tools, listed and readable. */
import type { Command } from "commander";
import { withHub } from "../hub-session.js";
import { parseJsonArguments } from "../json-arguments.js";

export function registerResourcesCommands(program: Command): void {
  const resources = program.command("resources").description("list or read the resources servers offer");
  resources
    .command("list")
    .description("list every server's resources")
    .addHelpText(
      "after",
      `
Examples:
  agente resources list
  agente resources list --json`,
    )
    .option("--json", "print as JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      await withHub(command, async ({ hub }) => {
        const list = await hub.listResources();
        if (options.json) console.log(JSON.stringify(list, null, 2));
        else if (list.length === 0) console.log("no server offers resources");
        else
          for (const resource of list) console.log(`${resource.uri}  [${resource.server}]  ${resource.name}`);
      });
    });
  resources
    .command("read")
    .description("read one resource")
    .addHelpText(
      "after",
      `
Examples:
  agente resources read files file:///home/ana/notas.md`,
    )
    .argument("<server>", "the server that offers it")
    .argument("<uri>", "the resource URI")
    .action(async (server: string, uri: string, _options: unknown, command: Command) => {
      await withHub(command, async ({ hub }) => {
        const result = await hub.readResource(server, uri);
        for (const content of result.contents) {
          console.log(
            "text" in content ? content.text : `[binary ${content.mimeType ?? "data"}, ${content.uri}]`,
          );
        }
      });
    });

  const prompts = program.command("prompts").description("list or get the prompts servers offer");
  prompts
    .command("list")
    .description("list every server's prompts")
    .addHelpText(
      "after",
      `
Examples:
  agente prompts list`,
    )
    .option("--json", "print as JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      await withHub(command, async ({ hub }) => {
        const list = await hub.listPrompts();
        if (options.json) console.log(JSON.stringify(list, null, 2));
        else if (list.length === 0) console.log("no server offers prompts");
        else
          for (const prompt of list)
            console.log(`${prompt.name}  [${prompt.server}]  ${prompt.description ?? ""}`);
      });
    });
  prompts
    .command("get")
    .description("render one prompt with arguments")
    .addHelpText(
      "after",
      `
Examples:
  agente prompts get greet --args '{"who": "Ana"}'`,
    )
    .argument("<name>", "the prompt's exposed name")
    .option("--args <json>", "the arguments as a JSON object of strings", "{}")
    .action(async (name: string, options: { args: string }, command: Command) => {
      await withHub(command, async ({ hub }) => {
        const result = await hub.getPrompt(name, parseJsonArguments(options.args) as Record<string, string>);
        for (const message of result.messages) {
          const text = message.content.type === "text" ? message.content.text : `[${message.content.type}]`;
          console.log(`${message.role}: ${text}`);
        }
      });
    });
}
