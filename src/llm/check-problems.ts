/** The problems a `ModelCheck` reports, kept both as English text and as catalogue text for the user's language. */
import { inEnglish, type LocalisedText, localised } from "../i18n/localised.js";
import { AgenteError, errorMessage } from "../util/errors.js";
import type { ModelCheck } from "./chat-model.js";

/** Adds one problem to `check` (English in `problems`, the catalogue text in `problemTexts`). */
export function addProblem(check: ModelCheck, text: LocalisedText): void {
  check.problems.push(inEnglish(text));
  check.problemTexts = [...(check.problemTexts ?? []), text];
}

/** An error as one problem: `message; hint`. */
export function errorProblem(error: unknown): LocalisedText {
  if (!(error instanceof AgenteError)) return localised("errors.plain", { text: errorMessage(error) });
  const message = error.text ?? localised("errors.plain", { text: error.message });
  const hint = error.hintText ?? (error.hint ? localised("errors.plain", { text: error.hint }) : undefined);
  return hint === undefined ? message : localised("errorsModel.problemWithHint", { message, hint });
}
