import { UserError } from "../util/errors.js";

/** An invalid config file: the message names the file, the server and the field. */
export class ConfigError extends UserError {
  readonly file: string;
  readonly server: string | undefined;
  readonly field: string | undefined;

  constructor(
    file: string,
    problem: string,
    location: { server?: string; field?: string } = {},
    cause?: unknown,
  ) {
    const where = [
      location.server === undefined ? undefined : `server "${location.server}"`,
      location.field ? `field "${location.field}"` : undefined,
    ].filter((part) => part !== undefined);
    const text = problem.charAt(0).toLowerCase() + problem.slice(1);
    super(`${file}: ${where.length > 0 ? `${where.join(", ")}: ` : ""}${text}`, {
      cause,
      hint: "fix the config file, or run `agente init` to write a fresh one",
    });
    this.file = file;
    this.server = location.server;
    this.field = location.field;
  }
}
