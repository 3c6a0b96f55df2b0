/**
 * Messages of approval by someone else (a member's destructive call waits for an approver). Keys start
 * with `approvals.`; `approvals.model.*` are written for the model and never shown to a person as is.
 */
import type { MessageTable } from "./message-table.js";

export const approvalsMessages = {
  "approvals.model.denied": {
    en: "{name} did not approve it",
    es: "{name} no lo aprobó",
  },
  "approvals.model.deniedBecause": {
    en: "{name} did not approve it ({reason})",
    es: "{name} no lo aprobó ({reason})",
  },
  "approvals.model.expired": {
    en: "nobody approved it within {minutes} minutes",
    es: "nadie lo aprobó en {minutes} minutos",
  },
  "approvals.model.outcomeUnknown": {
    en: "{tool} was approved, but the server running it stopped during the call: whether it ran is unknown. Tell the user to check before asking again",
    es: "{tool} se aprobó, pero el servidor que la ejecutaba se detuvo durante la llamada: no se sabe si se ejecutó. Di al usuario que lo compruebe antes de pedirlo otra vez",
  },
  "approvals.model.needsApprover": {
    en: "{tool} needs the approval of another person, which can only be asked for from the web chat",
    es: "{tool} necesita la aprobación de otra persona, y eso solo se puede pedir desde el chat web",
  },
  "approvals.gateway.needsApprover": {
    en: "{tool} was not run: your role may not approve it; ask for it in agente's web chat, where an approver can decide.",
    es: "No se ejecutó {tool}: tu rol no puede aprobarla; pídela en el chat web de agente, donde un aprobador puede decidir.",
  },
} as const satisfies MessageTable;
