/**
 * A turn that failed (the model server down, the model not pulled, a server crash): one line for the chat,
 * which then returns to the prompt with the history kept, and a JSON object for `ask --json`.
 */
import { AgenteError, errorMessage } from "../util/errors.js";

/** `! Ollama is not running at … — start it with `ollama serve`; ask again when it is fixed`. */
export function turnFailureLine(error: unknown): string {
  const hint = error instanceof AgenteError && error.hint !== undefined ? ` — ${error.hint}` : "";
  return `! ${errorMessage(error)}${hint}`;
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
