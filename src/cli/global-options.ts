/** The options every command shares, read with `command.optsWithGlobals()`. */
import type { Command } from "commander";

export interface GlobalOptions {
  config?: string;
  debug: boolean;
  verbose: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  const options = command.optsWithGlobals() as Partial<GlobalOptions>;
  return {
    ...(options.config === undefined ? {} : { config: options.config }),
    debug: options.debug ?? false,
    verbose: options.verbose ?? false,
  };
}
