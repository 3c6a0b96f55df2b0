/**
 * Conversations in a SQLite file (default: `conversations.db` beside the memory store). One process owns
 * the file: the per-session queue is in process memory, so replicas need PostgreSQL.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { localised } from "../i18n/localised.js";
import { errorMessage, SystemError } from "../util/errors.js";
import type {
  ApprovalCallState,
  ClaimedApproval,
  ConversationStore,
  NewApproval,
  NewMessage,
  StoredApproval,
  StoredMessage,
  StoredSession,
} from "./conversation-store.js";
import { OWNER_ID } from "./conversation-store.js";
import { SessionQueue } from "./session-queue.js";
import {
  APPROVAL_TEAM_COLUMNS,
  approvalFromRow,
  claimedFromRow,
  messageFromRow,
  sessionFromRow,
} from "./store-rows.js";
import {
  type QuestionAnswer,
  type QuestionRequest,
  questionFromRow,
  type StoredQuestion,
} from "./stored-question.js";

const SCHEMA = `
create table if not exists sessions (
  id text primary key, title text not null, created_at text not null, updated_at text not null,
  owner text not null default 'owner'
);
create table if not exists messages (
  id integer primary key autoincrement,
  session_id text not null references sessions(id) on delete cascade,
  role text not null, content text not null, model_content text not null, details text,
  created_at text not null
);
create index if not exists messages_by_session on messages(session_id, id);
create table if not exists approvals (
  id text primary key,
  session_id text not null references sessions(id) on delete cascade,
  tool text not null, args text not null, status text not null, reason text, created_at text not null
);
create index if not exists approvals_by_session on approvals(session_id, status);
create table if not exists questions (
  id text primary key,
  session_id text not null references sessions(id) on delete cascade,
  server text not null, request text not null, status text not null, answer text, created_at text not null
);
create index if not exists questions_by_session on questions(session_id, status);
`;

export class SqliteConversationStore implements ConversationStore {
  readonly kind = "sqlite";
  private readonly db: Database.Database;
  private readonly queue = new SessionQueue();
  private readonly now: () => Date;
  /** Prepared once: a turn runs the same few statements, and preparing costs more than running them. */
  private readonly statements = new Map<string, Database.Statement>();

  private readonly path: string;

  constructor(options: { path: string; now?: () => Date }) {
    this.path = options.path;
    try {
      if (options.path !== ":memory:") mkdirSync(dirname(options.path), { recursive: true });
      this.db = new Database(options.path);
      this.db.pragma("journal_mode = WAL");
      // In WAL mode NORMAL syncs at checkpoints, not every commit: a restart of agente loses nothing, a power
      // cut may lose the last turns. FULL would put an fsync on every turn.
      this.db.pragma("synchronous = NORMAL");
      this.db.pragma("foreign_keys = ON");
      this.db.pragma("busy_timeout = 5000");
      this.db.exec(SCHEMA);
      addOwnerColumn(this.db);
      addApprovalColumns(this.db);
    } catch (error) {
      // A damaged file is named by openConversationStore, with its own way out.
      const code = error instanceof Error && "code" in error ? error.code : undefined;
      if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") throw error;
      // A file that cannot even be opened (a read-only filesystem, a folder agente may not enter).
      throw new SystemError(
        localised("serve.storeUnopenable", { path: options.path, reason: errorMessage(error) }),
        { cause: error, hint: localised("serve.storeReadOnlyHint") },
      );
    }
    this.now = options.now ?? (() => new Date());
  }

  async createSession(title: string, owner = OWNER_ID): Promise<StoredSession> {
    const at = this.now().toISOString();
    const id = randomUUID();
    this.statement(
      "insert into sessions (id, title, owner, created_at, updated_at) values (?, ?, ?, ?, ?)",
    ).run(id, title, owner, at, at);
    return { id, title, owner, createdAt: at, updatedAt: at };
  }

  async listSessions(owner: string, limit = 200): Promise<StoredSession[]> {
    return this.statement(
      "select * from sessions where owner = ? order by updated_at desc, rowid desc limit ?",
    )
      .all(owner, limit)
      .map(sessionFromRow);
  }

  async getSession(id: string): Promise<StoredSession | undefined> {
    const row = this.statement("select * from sessions where id = ?").get(id);
    return row === undefined ? undefined : sessionFromRow(row);
  }

  async renameSession(id: string, title: string): Promise<void> {
    this.statement("update sessions set title = ? where id = ?").run(title, id);
  }

  async deleteSession(id: string): Promise<void> {
    this.statement("delete from sessions where id = ?").run(id);
  }

  async deleteSessionsOf(owner: string): Promise<number> {
    return this.statement("delete from sessions where owner = ?").run(owner).changes;
  }

  async messages(sessionId: string): Promise<StoredMessage[]> {
    return this.statement("select * from messages where session_id = ? order by id")
      .all(sessionId)
      .map(messageFromRow);
  }

  async appendMessages(sessionId: string, messages: NewMessage[]): Promise<void> {
    const at = this.now().toISOString();
    const insert = this.statement(
      "insert into messages (session_id, role, content, model_content, details, created_at) values (?, ?, ?, ?, ?, ?)",
    );
    this.db.transaction(() => {
      for (const message of messages)
        insert.run(
          sessionId,
          message.role,
          message.content,
          message.modelContent,
          message.details === undefined ? null : JSON.stringify(message.details),
          at,
        );
      this.statement("update sessions set updated_at = ? where id = ?").run(at, sessionId);
    })();
  }

  async keepMessages(sessionId: string, count: number): Promise<void> {
    this.statement(
      "delete from messages where session_id = ? and id not in (select id from messages where session_id = ? order by id limit ?)",
    ).run(sessionId, sessionId, Math.max(0, count));
  }

  async assertWritable(): Promise<void> {
    // A write that changes nothing still needs the file (and its folder, for the journal) to be writable.
    try {
      this.db.transaction(() => this.statement("delete from sessions where id = ''").run())();
    } catch (error) {
      throw new SystemError(
        localised("serve.storeReadOnly", { path: this.path, reason: errorMessage(error) }),
        { cause: error, hint: localised("serve.storeReadOnlyHint") },
      );
    }
  }

  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  withSessionLock<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(sessionId, work);
  }

  async createApproval(approval: NewApproval): Promise<StoredApproval> {
    const at = this.now().toISOString();
    const id = randomUUID();
    this.statement(
      `insert into approvals (id, session_id, tool, args, status, created_at, kind, requester_id, requester_name,
         question, server, original_tool, expires_at, continuation)
       values (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      approval.sessionId,
      approval.tool,
      JSON.stringify(approval.args),
      at,
      approval.kind ?? "self",
      approval.requester?.id ?? null,
      approval.requester?.name ?? null,
      approval.question ?? null,
      approval.server ?? null,
      approval.originalTool ?? null,
      approval.expiresAt ?? null,
      approval.continuation === undefined ? null : JSON.stringify(approval.continuation),
    );
    const stored = await this.getApproval(id);
    if (stored === undefined) throw new Error(`approval ${id} was not stored`);
    return stored;
  }

  async getApproval(id: string): Promise<StoredApproval | undefined> {
    const row = this.statement("select * from approvals where id = ?").get(id);
    return row === undefined ? undefined : approvalFromRow(row);
  }

  async decideApproval(id: string, approved: boolean, reason?: string): Promise<boolean> {
    const result = this.statement(
      "update approvals set status = ?, reason = ? where id = ? and status = 'pending'",
    ).run(approved ? "approved" : "denied", reason ?? null, id);
    return result.changes === 1;
  }

  async pendingApprovals(sessionId: string): Promise<StoredApproval[]> {
    return this.statement(
      "select * from approvals where session_id = ? and status = 'pending' order by created_at",
    )
      .all(sessionId)
      .map(approvalFromRow);
  }

  async createQuestion(question: {
    sessionId: string;
    server: string;
    request: QuestionRequest;
  }): Promise<StoredQuestion> {
    const at = this.now().toISOString();
    const id = randomUUID();
    this.statement(
      "insert into questions (id, session_id, server, request, status, created_at) values (?, ?, ?, ?, 'pending', ?)",
    ).run(id, question.sessionId, question.server, JSON.stringify(question.request), at);
    return { id, ...question, status: "pending", createdAt: at };
  }

  async getQuestion(id: string): Promise<StoredQuestion | undefined> {
    const row = this.statement("select * from questions where id = ?").get(id);
    return row === undefined ? undefined : questionFromRow(row);
  }

  async answerQuestion(id: string, answer: QuestionAnswer): Promise<boolean> {
    const result = this.statement(
      "update questions set status = 'answered', answer = ? where id = ? and status = 'pending'",
    ).run(JSON.stringify(answer), id);
    return result.changes === 1;
  }

  async pendingQuestions(sessionId: string): Promise<StoredQuestion[]> {
    return this.statement(
      "select * from questions where session_id = ? and status = 'pending' order by created_at",
    )
      .all(sessionId)
      .map(questionFromRow);
  }

  async waitingApprovals(): Promise<StoredApproval[]> {
    return this.statement(
      "select * from approvals where kind = 'other' and status = 'pending' order by created_at, rowid",
    )
      .all()
      .map(approvalFromRow);
  }

  async claimApproval(
    id: string,
    decision: { approved: boolean; decidedBy: string; reason?: string; at: Date },
  ): Promise<ClaimedApproval | undefined> {
    const row = this.statement(
      "update approvals set status = ?, reason = ?, decided_by = ?, claimed_at = ? where id = ? and status = 'pending' returning *",
    ).get(
      decision.approved ? "approved" : "denied",
      decision.reason ?? null,
      decision.decidedBy,
      decision.at.toISOString(),
      id,
    );
    return row === undefined ? undefined : claimedFromRow(row);
  }

  async claimExpiredApprovals(now: Date): Promise<ClaimedApproval[]> {
    return this.statement(
      "update approvals set status = 'expired', claimed_at = ? where kind = 'other' and status = 'pending' and expires_at <= ? returning *",
    )
      .all(now.toISOString(), now.toISOString())
      .map(claimedFromRow);
  }

  async recordApprovalCall(id: string, call: ApprovalCallState): Promise<void> {
    this.statement("update approvals set call_state = ? where id = ?").run(JSON.stringify(call), id);
  }

  async finishApproval(id: string): Promise<void> {
    this.statement("update approvals set finished_at = ? where id = ?").run(this.now().toISOString(), id);
  }

  async reclaimStalledApprovals(now: Date, staleBefore: Date): Promise<ClaimedApproval[]> {
    return this.statement(
      `update approvals set claimed_at = ? where kind = 'other' and status <> 'pending' and finished_at is null
         and claimed_at < ? returning *`,
    )
      .all(now.toISOString(), staleBefore.toISOString())
      .map(claimedFromRow);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Files written before conversations had owners: every old conversation belongs to the one owner. */
function addOwnerColumn(db: Database.Database): void {
  const columns = z.array(z.looseObject({ name: z.string() })).parse(db.pragma("table_info(sessions)"));
  if (!columns.some((column) => column.name === "owner"))
    db.exec(`alter table sessions add column owner text not null default '${OWNER_ID}'`);
  db.exec("create index if not exists sessions_by_owner on sessions(owner, updated_at)");
}

/** Approval rows of a file made before roles get the new columns (all nullable). */
function addApprovalColumns(db: Database.Database): void {
  const present = new Set(
    db
      .prepare("select name from pragma_table_info('approvals')")
      .all()
      .map((row) => String((row as { name: unknown }).name)),
  );
  for (const column of APPROVAL_TEAM_COLUMNS)
    if (!present.has(column)) db.exec(`alter table approvals add column ${column} text`);
}
