/**
 * The audit trail in SQLite, in the conversations' file (`conversations.db`, table `audit_trail`). Append
 * only: triggers refuse every UPDATE and DELETE, so not even a mistaken statement of agente's own can change
 * what was recorded.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { localised } from "../../i18n/localised.js";
import { errorMessage, SystemError } from "../../util/errors.js";
import type { AuditEntry, AuditLog, AuditQuery, StoredAuditEntry } from "./audit-log.js";
import {
  APPEND_ONLY,
  AUDIT_COLUMN_NAMES,
  auditColumns,
  auditEntryFromRow,
  DEFAULT_AUDIT_LIMIT,
  sinceTime,
} from "./audit-rows.js";

const SCHEMA = `
create table if not exists audit_trail (
  seq integer primary key autoincrement,
  at text not null, kind text not null, actor text not null, subject text,
  server text, tool text, args text, decision text, approver text, outcome text, duration_ms real,
  address text, via text
);
create index if not exists audit_trail_by_at on audit_trail(at);
create trigger if not exists audit_trail_no_update before update on audit_trail
  begin select raise(abort, '${APPEND_ONLY}'); end;
create trigger if not exists audit_trail_no_delete before delete on audit_trail
  begin select raise(abort, '${APPEND_ONLY}'); end;
`;

export class SqliteAuditLog implements AuditLog {
  private readonly db: Database.Database;
  private readonly now: () => Date;

  constructor(options: { path: string; now?: () => Date }) {
    try {
      if (options.path !== ":memory:") mkdirSync(dirname(options.path), { recursive: true });
      this.db = new Database(options.path);
    } catch (error) {
      // The conversations' file, which cannot even be opened: said as the conversation store says it.
      throw new SystemError(
        localised("serve.storeUnopenable", { path: options.path, reason: errorMessage(error) }),
        { cause: error, hint: localised("serve.storeReadOnlyHint") },
      );
    }
    this.db.pragma("busy_timeout = 5000");
    this.now = options.now ?? (() => new Date());
    try {
      this.db.pragma("journal_mode = WAL");
      // As the conversations: a restart loses nothing, a power cut may lose the last entries.
      this.db.pragma("synchronous = NORMAL");
      this.db.exec(SCHEMA);
    } catch (error) {
      // A read-only file (serve says so at start and on /health, and runs no turn): it opens, and every
      // write fails with this error instead.
      const code = error instanceof Error && "code" in error ? error.code : undefined;
      if (code !== "SQLITE_READONLY") throw error;
      this.unwritable = error;
    }
  }

  /** Why the file cannot be written, when it cannot. */
  private readonly unwritable: unknown;
  private insert: Database.Statement | undefined;

  async record(entry: AuditEntry): Promise<void> {
    if (this.unwritable !== undefined) throw this.unwritable;
    this.insert ??= this.db.prepare(
      `insert into audit_trail (at, ${AUDIT_COLUMN_NAMES}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insert.run(this.now().toISOString(), ...auditColumns(entry));
  }

  async query(query: AuditQuery): Promise<StoredAuditEntry[]> {
    // A read-only file from before the trail existed has no entries to read.
    if (this.unwritable !== undefined && !this.hasTable()) return [];
    const where: string[] = [];
    const values: Array<string | number> = [];
    if (query.person !== undefined) {
      where.push("(actor = ? or subject = ? or approver = ?)");
      values.push(query.person, query.person, query.person);
    }
    const since = sinceTime(query);
    if (since !== undefined) {
      where.push("at >= ?");
      values.push(since);
    }
    if (query.kind !== undefined) {
      where.push("kind = ?");
      values.push(query.kind);
    }
    const filter = where.length === 0 ? "" : `where ${where.join(" and ")}`;
    // The newest `limit` entries, returned oldest first.
    const rows = this.db
      .prepare(`select * from (select * from audit_trail ${filter} order by seq desc limit ?) order by seq`)
      .all(...values, query.limit ?? DEFAULT_AUDIT_LIMIT);
    return rows.map(auditEntryFromRow);
  }

  private hasTable(): boolean {
    return (
      this.db.prepare("select 1 from sqlite_master where type = 'table' and name = 'audit_trail'").get() !==
      undefined
    );
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
