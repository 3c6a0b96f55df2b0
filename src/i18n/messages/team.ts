/** Messages of a team on one agente: the audit trail (`agente audit`). Keys start with `team.`; the page's own are in page.ts. */
import type { MessageTable } from "./message-table.js";

export const teamMessages = {
  "team.command.audit": {
    en: "show the audit trail: tool calls, approvals, sign-ins and changes to people (see docs/team.md)",
    es: "muestra el registro de auditoría: llamadas a herramientas, aprobaciones, accesos y cambios de personas (ver docs/team.md)",
  },
  "team.audit.user": {
    en: "only entries by, about or approved by this person",
    es: "solo entradas de esta persona, sobre ella o aprobadas por ella",
  },
  "team.audit.since": {
    en: "only entries from this date or time on (2026-12-07, 2026-12-07T15:00Z)",
    es: "solo entradas desde esta fecha u hora (2026-12-07, 2026-12-07T15:00Z)",
  },
  "team.audit.json": {
    en: "one JSON object per line (JSONL), for scripts",
    es: "un objeto JSON por línea (JSONL), para scripts",
  },
  "team.audit.badDate": {
    en: "--since {value} is not a date: write it as 2026-12-07 or 2026-12-07T15:00Z",
    es: "--since {value} no es una fecha: escríbela como 2026-12-07 o 2026-12-07T15:00Z",
  },
  "team.audit.none": { en: "No entries.", es: "No hay entradas." },
  "team.audit.time": { en: "time", es: "hora" },
  "team.audit.person": { en: "person", es: "persona" },
  "team.audit.kind": { en: "what", es: "qué" },
  "team.audit.detail": { en: "detail", es: "detalle" },
  "team.audit.decision": { en: "decision", es: "decisión" },
  "team.audit.outcome": { en: "outcome", es: "resultado" },
  "team.audit.duration": { en: "ms", es: "ms" },
} satisfies MessageTable;
