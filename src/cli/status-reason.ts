/** Why a server is down, in the user's language when the hub gave it as catalogue text. */
import { renderLocalised } from "../i18n/localised.js";
import type { Translator } from "../i18n/translator.js";
import type { ConnectionStatus } from "../mcp/connection.js";

export function statusReason(
  status: Pick<ConnectionStatus, "reason" | "reasonText">,
  translate: Translator,
): string | undefined {
  if (status.reasonText !== undefined) return renderLocalised(status.reasonText, translate);
  return status.reason;
}
