/**
 * A turn that failed (the model server down, the model not pulled, a server crash): one line for the chat,
 * which then returns to the prompt with the history kept, and a JSON object for `ask --json`.
 */
import { createTranslator, type Translator } from "../i18n/translator.js";
import { AgenteError, errorMessage } from "../util/errors.js";
import { localisedHint, localisedMessage } from "./print-error.js";

/** `! Ollama is not running at … — start it with `ollama serve`; ask again when it is fixed`, in the user's language. */
export function turnFailureLine(error: unknown, translate: Translator = createTranslator("en")): string {
  const hint = localisedHint(error, translate);
  return `! ${localisedMessage(error, translate)}${hint === undefined ? "" : ` — ${hint}`}`;
}

/** What `ask --json` prints on stdout when the turn fails: scripts always get an object. */
export function turnFailureJson(error: unknown): {
  answer: null;
  stopReason: "error";
  error: { kind: string; message: string; hint: string | undefined };
} {
  return {
    answer: null,
    stopReason: "error",
    error: {
      kind: error instanceof Error ? error.name : "Error",
      message: errorMessage(error),
      hint: error instanceof AgenteError ? error.hint : undefined,
    },
  };
}
