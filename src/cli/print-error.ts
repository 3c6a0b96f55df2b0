/** How a failure reaches the user: one line and what to do; the stack only with `--debug`. */
import { renderLocalised } from "../i18n/localised.js";
import { createTranslator, type Translator } from "../i18n/translator.js";
import { AgenteError, errorMessage } from "../util/errors.js";

export function formatError(
  error: unknown,
  debug: boolean,
  translate: Translator = createTranslator("en"),
): string {
  const lines = [translate("common.error", { message: localisedMessage(error, translate) })];
  const hint = localisedHint(error, translate);
  if (hint !== undefined) lines.push(`  ${hint}`);
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

/** The error's message in the translator's language when it carries catalogue text, else as it is. */
export function localisedMessage(error: unknown, translate: Translator): string {
  if (error instanceof AgenteError && error.text !== undefined) return renderLocalised(error.text, translate);
  return errorMessage(error);
}

/** The error's hint in the translator's language, if it has one. */
export function localisedHint(error: unknown, translate: Translator): string | undefined {
  if (!(error instanceof AgenteError)) return undefined;
  if (error.hintText !== undefined) return renderLocalised(error.hintText, translate);
  return error.hint || undefined;
}
