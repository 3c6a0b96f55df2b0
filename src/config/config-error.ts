import { type LocalisedText, localised } from "../i18n/localised.js";
import { UserError } from "../util/errors.js";

/** An invalid config file: the message names the file, the server and the field. */
export class ConfigError extends UserError {
  readonly file: string;
  readonly server: string | undefined;
  readonly field: string | undefined;

  constructor(
    file: string,
    problem: string | LocalisedText,
    location: { server?: string; field?: string } = {},
    cause?: unknown,
  ) {
    const { server, field } = location;
    const where =
      server !== undefined && field
        ? localised("errorsConfig.where.serverField", { server, field })
        : server !== undefined
          ? localised("errorsConfig.where.server", { server })
          : field
            ? localised("errorsConfig.where.field", { field })
            : "";
    super(
      localised("errorsConfig.located", {
        file,
        where,
        // A plain-text problem keeps its old lower-case start; catalogue text is written that way.
        problem:
          typeof problem === "string"
            ? localised("errors.plain", { text: problem.charAt(0).toLowerCase() + problem.slice(1) })
            : problem,
      }),
      { cause, hint: localised("errorsConfig.hint") },
    );
    this.file = file;
    this.server = server;
    this.field = field;
  }
}
