/** How a failure reaches the user: one line and what to do; the stack only with `--debug`. */
import { AgenteError, errorMessage } from "../util/errors.js";

export function formatError(error: unknown, debug: boolean): string {
  const lines = [`error: ${errorMessage(error)}`];
  if (error instanceof AgenteError && error.hint) lines.push(`  ${error.hint}`);
  if (debug) {
    if (error instanceof Error && error.stack) lines.push(error.stack);
    let cause = error instanceof Error ? error.cause : undefined;
    while (cause !== undefined) {
      lines.push(`caused by: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  } else if (!(error instanceof AgenteError)) {
    lines.push("  this looks like a bug in agente: run again with --debug and report the output");
  }
  return lines.join("\n");
}
