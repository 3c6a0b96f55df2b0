/** How a failure reaches the user: one line and what to do; the stack only with `--debug`. */
import { createTranslator, type Translator } from "../i18n/translator.js";
import { AgenteError, errorMessage } from "../util/errors.js";

export function formatError(
  error: unknown,
  debug: boolean,
  translate: Translator = createTranslator("en"),
): string {
  const lines = [translate("common.error", { message: errorMessage(error) })];
  if (error instanceof AgenteError && error.hint) lines.push(`  ${error.hint}`);
  if (debug) {
    if (error instanceof Error && error.stack) lines.push(error.stack);
    let cause = error instanceof Error ? error.cause : undefined;
    while (cause !== undefined) {
      lines.push(
        translate("common.causedBy", {
          cause: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause),
        }),
      );
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  } else if (!(error instanceof AgenteError)) {
    lines.push(`  ${translate("common.bug")}`);
  }
  return lines.join("\n");
}
