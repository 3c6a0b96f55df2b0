/** Why a server is down, or what is wrong with the model, in the user's language when given as catalogue text. */
import { renderLocalised } from "../i18n/localised.js";
import type { Translator } from "../i18n/translator.js";
import type { ModelCheck } from "../llm/chat-model.js";
import type { ConnectionStatus } from "../mcp/connection.js";

export function statusReason(
  status: Pick<ConnectionStatus, "reason" | "reasonText">,
  translate: Translator,
): string | undefined {
  if (status.reasonText !== undefined) return renderLocalised(status.reasonText, translate);
  return status.reason;
}

/** The problems of a model check, each in the user's language when it has catalogue text. */
export function checkProblems(
  check: Pick<ModelCheck, "problems" | "problemTexts">,
  translate: Translator,
): string[] {
  return check.problems.map((problem, index) => {
    const text = check.problemTexts?.[index];
    return text === undefined ? problem : renderLocalised(text, translate);
  });
}
