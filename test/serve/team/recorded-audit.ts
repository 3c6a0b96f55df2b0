/** The audit trail's test double: what was recorded, in order (the real stores are data-audit's). */
import type { AuditEntry, AuditLog } from "../../../src/serve/team/audit-log.js";

export class RecordedAudit implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
  }
  async query() {
    return [];
  }
}
