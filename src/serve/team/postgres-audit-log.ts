/**
 * The audit trail in PostgreSQL, beside the conversations (table `agente_audit`). Append only: a trigger
 * refuses every UPDATE, DELETE and TRUNCATE.
 */
import pg from "pg";
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
create table if not exists agente_audit (
  seq bigserial primary key,
  at timestamptz not null default now(), kind text not null, actor text not null, subject text,
  server text, tool text, args jsonb, decision text, approver text, outcome text, duration_ms double precision,
  address text, via text
);
create index if not exists agente_audit_by_at on agente_audit(at);
create or replace function agente_audit_refuse() returns trigger language plpgsql as $$
  begin raise exception '${APPEND_ONLY}'; end $$;
create or replace trigger agente_audit_no_change before update or delete on agente_audit
  for each row execute function agente_audit_refuse();
create or replace trigger agente_audit_no_truncate before truncate on agente_audit
  for each statement execute function agente_audit_refuse();
`;

/** The schema lock's key: apart from the conversations' (41 712) and other users of the database. */
const SCHEMA_LOCK = 41_713;

export class PostgresAuditLog implements AuditLog {
  private readonly pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  static async connect(options: { url: string; maxConnections?: number }): Promise<PostgresAuditLog> {
    const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 4 });
    // An idle client's network error must not crash the process; the next query reports it.
    pool.on("error", () => {});
    const client = await pool.connect();
    try {
      // Two replicas starting together must not race on `create`.
      await client.query("select pg_advisory_lock($1, 0)", [SCHEMA_LOCK]);
      try {
        await client.query(SCHEMA);
      } finally {
        await client.query("select pg_advisory_unlock($1, 0)", [SCHEMA_LOCK]);
      }
    } catch (error) {
      client.release();
      await pool.end();
      throw error;
    }
    client.release();
    return new PostgresAuditLog(pool);
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.pool.query(
      `insert into agente_audit (${AUDIT_COLUMN_NAMES}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      auditColumns(entry),
    );
  }

  async query(query: AuditQuery): Promise<StoredAuditEntry[]> {
    const where: string[] = [];
    const values: Array<string | number> = [];
    const parameter = (value: string | number) => {
      values.push(value);
      return `$${values.length}`;
    };
    if (query.person !== undefined) {
      const person = parameter(query.person);
      where.push(`(actor = ${person} or subject = ${person} or approver = ${person})`);
    }
    const since = sinceTime(query);
    if (since !== undefined) where.push(`at >= ${parameter(since)}`);
    if (query.kind !== undefined) where.push(`kind = ${parameter(query.kind)}`);
    const filter = where.length === 0 ? "" : `where ${where.join(" and ")}`;
    const limit = parameter(query.limit ?? DEFAULT_AUDIT_LIMIT);
    const result = await this.pool.query(
      `select * from (select * from agente_audit ${filter} order by seq desc limit ${limit}) newest order by seq`,
      values,
    );
    return result.rows.map(auditEntryFromRow);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
