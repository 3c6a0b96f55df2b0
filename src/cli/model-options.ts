/**
 * The model and agent flags shared by `agente` (chat), `ask` and `doctor`, and how they combine with the
 * environment and the config file (flags > environment > config > defaults).
 */
import { type Command, Option } from "commander";
import type { AgentFlags } from "../agent/agent-settings.js";
import type { LoadedConfig } from "../config/load-config.js";
import {
  type ModelFlags,
  type ModelSettings,
  PROVIDERS,
  resolveModelSettings,
} from "../llm/model-settings.js";

export interface RunFlags extends ModelFlags, AgentFlags {
  trace?: string;
  yes?: boolean;
}

export function addModelOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        "--provider <name>",
        "model provider (env AGENTE_PROVIDER; default auto: Ollama when it has the model, else the embedded model, downloaded on first use)",
      ).choices([...PROVIDERS]),
    )
    .option("-m, --model <name>", "model name (env AGENTE_MODEL; default llama3.2:1b)")
    .option("--base-url <url>", "model server URL (env OLLAMA_HOST or OPENAI_BASE_URL)")
    .option(
      "--gguf <file>",
      "GGUF model file for the embedded provider (env AGENTE_GGUF; default: agente's model in the cache, see `agente models`)",
    )
    .option("--temperature <number>", "sampling temperature (default 0)")
    .option("--max-tokens <number>", "most tokens one step may generate (default 512)")
    .option("--context-size <tokens>", "fixed context window (default: sized to the prompt)");
}

export function addAgentOptions(command: Command): Command {
  return addModelOptions(command)
    .addOption(
      new Option(
        "--tool-mode <mode>",
        "json: schema-constrained actions (default); native: the provider's tool calling",
      ).choices(["json", "native"]),
    )
    .option("--max-steps <number>", "most steps in one turn (default 6)")
    .option(
      "--trace <file>",
      "append every step (prompt size, raw output, action, observation, timings) as JSON lines",
    )
    .option("-y, --yes", "approve tools that need approval without asking", false)
    .option("--no-context", "do not inject retrieved memory context")
    .option(
      "--prompt-budget <tokens>",
      "most tokens of one model request; tools, context, then history are cut to fit (default: context window minus --max-tokens)",
    );
}

export function resolveModelFromFlags(flags: ModelFlags, config: LoadedConfig): ModelSettings {
  return resolveModelSettings({
    flags,
    env: { ...config.env, ...process.env },
    config: config.settings.model,
    configFile: config.file,
  });
}
