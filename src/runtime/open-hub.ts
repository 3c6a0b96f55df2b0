/**
 * Loads the config (agente's own servers as the defaults when no file exists) and connects every server:
 * what every CLI command that needs tools starts with. The hub itself only ever sees loaded servers.
 */
import { type LoadConfigOptions, type LoadedConfig, loadConfig } from "../config/load-config.js";
import type { Language } from "../i18n/language.js";
import { type HubOptions, McpHub, type ServerStatus } from "../mcp/hub.js";
import { builtinServer } from "../servers/builtin.js";
import { withBuiltinLanguage } from "./builtin-language.js";
import { filesystemRoots, hostRoots } from "./host-roots.js";
import { hostSecrets } from "./host-secrets.js";

export interface OpenHubOptions extends LoadConfigOptions {
  /** Hub options such as `onStderrLine`. */
  hub?: HubOptions;
  /** Path of the config file; same as `path`, named as the CLI flag reads. */
  configPath?: string;
  /** The person's language, handed to agente's own servers (AGENTE_LANG) for the errors they report. */
  language?: Language;
}

/** `loadConfig` with agente's built-in servers as the defaults. */
export function loadAgenteConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  return loadConfig({ builtin: builtinServer, ...options });
}

export async function openHub(options: OpenHubOptions = {}): Promise<{ hub: McpHub; config: LoadedConfig }> {
  const { configPath, hub: hubOptions, language, ...loadOptions } = options;
  const config = await loadAgenteConfig({
    ...loadOptions,
    ...(configPath === undefined ? {} : { path: configPath }),
  });
  const hub = await McpHub.start(serversIn(config, language), {
    roots: hostRoots(config, process.cwd()),
    confinedRoots: filesystemRoots(config, process.cwd()),
    ...hubOptions,
    secrets: hostSecrets(config.env),
  });
  return { hub, config };
}

/**
 * Like `openHub`, but returns as soon as the config is loaded: the servers connect in the background,
 * `onServer` hears each one as it connects or fails, and `ready` settles when all have.
 */
export async function beginHub(
  options: OpenHubOptions,
  onServer: (status: ServerStatus) => void,
): Promise<{ hub: McpHub; config: LoadedConfig; ready: Promise<void> }> {
  const { configPath, hub: hubOptions, language, ...loadOptions } = options;
  const config = await loadAgenteConfig({
    ...loadOptions,
    ...(configPath === undefined ? {} : { path: configPath }),
  });
  const started = McpHub.begin(
    serversIn(config, language),
    {
      roots: hostRoots(config, process.cwd()),
      confinedRoots: filesystemRoots(config, process.cwd()),
      ...hubOptions,
      secrets: hostSecrets(config.env),
    },
    onServer,
  );
  return { ...started, config };
}

function serversIn(config: LoadedConfig, language: Language | undefined) {
  return language === undefined ? config.servers : withBuiltinLanguage(config.servers, language);
}
