/**
 * `agente serve` failing to listen, said as what it is: a port another program holds (or one this user may
 * not open) is the user's to change with --port, not "a bug in agente".
 */
import { localised } from "../i18n/localised.js";
import { UserError } from "../util/errors.js";

/** The user-facing error for a failed `listen`, or the error itself when it is something else. */
export function explainListenFailure(error: unknown, host: string, port: string | number): unknown {
  const code = systemCode(error);
  if (code === "EADDRINUSE")
    return new UserError(localised("cliOutput.serve.portTaken", { host, port }), {
      cause: error,
      hint: localised("cliOutput.serve.portTakenHint", { port: Number(port) + 1 }),
    });
  if (code === "EACCES")
    return new UserError(localised("cliOutput.serve.portDenied", { host, port }), {
      cause: error,
      hint: localised("cliOutput.serve.portTakenHint", {
        port: Number(port) < 1024 ? 8080 : Number(port) + 1,
      }),
    });
  return error;
}

/** `EADDRINUSE` and the like, on the error or anywhere down its causes. */
function systemCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if ("code" in current && typeof current.code === "string") return current.code;
    current = current.cause;
  }
  return undefined;
}
