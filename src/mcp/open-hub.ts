/** Loads the config and connects every server: what every CLI command that needs tools starts with. */
import { type LoadConfigOptions, type LoadedConfig, loadConfig } from "../config/load-config.js";
import { secretValues } from "../util/secret-redaction.js";
import { type HubOptions, McpHub } from "./hub.js";

export interface OpenHubOptions extends LoadConfigOptions {
  /** Hub options such as `onStderrLine`. */
  hub?: HubOptions;
  /** Path of the config file; same as `path`, named as the CLI flag reads. */
  configPath?: string;
}

export async function openHub(options: OpenHubOptions = {}): Promise<{ hub: McpHub; config: LoadedConfig }> {
  const { configPath, hub: hubOptions, ...loadOptions } = options;
  const config = await loadConfig({
    ...loadOptions,
    ...(configPath === undefined ? {} : { path: configPath }),
  });
  const hub = await McpHub.start(config.servers, { ...hubOptions, secrets: secretValues(config.env) });
  return { hub, config };
}
