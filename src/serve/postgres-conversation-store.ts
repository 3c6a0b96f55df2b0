/**
 * Conversations in PostgreSQL, for replicas sharing one database: the messages and pending approvals are
 * rows, and a turn holds a session-level advisory lock on its session for as long as it runs, so turns of
 * one session queue across every replica while different sessions run in parallel.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
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
import { approvalFromRow, claimedFromRow, messageFromRow, sessionFromRow } from "./store-rows.js";
import {
  type QuestionAnswer,
  type QuestionRequest,
  questionFromRow,
  type StoredQuestion,
} from "./stored-question.js";

/** The advisory lock's first key: agente's conversations, apart from other users of the database. */
const LOCK_CLASS = 41_712;

const SCHEMA = `
create table if not exists agente_sessions (
  id text primary key, title text not null,
  created_at timestamptz not null default now(), updated_at timestamptz not null default now()
);
create table if not exists agente_messages (
  id bigserial primary key,
  session_id text not null references agente_sessions(id) on delete cascade,
  role text not null, content text not null, model_content text not null, details text,
  created_at timestamptz not null default now()
);
-- Conversations stored before owners belong to the one owner of a single-person serve.
alter table agente_sessions add column if not exists owner text not null default 'owner';
create index if not exists agente_sessions_by_owner on agente_sessions(owner, updated_at);
create index if not exists agente_messages_by_session on agente_messages(session_id, id);
create table if not exists agente_approvals (
  id text primary key,
  session_id text not null references agente_sessions(id) on delete cascade,
  tool text not null, args text not null, status text not null, reason text,
  created_at timestamptz not null default now()
);
create index if not exists agente_approvals_by_session on agente_approvals(session_id, status);
create table if not exists agente_questions (
  id text primary key,
  session_id text not null references agente_sessions(id) on delete cascade,
  server text not null, request text not null, status text not null, answer text,
  created_at timestamptz not null default now()
);
create index if not exists agente_questions_by_session on agente_questions(session_id, status);
alter table agente_approvals add column if not exists kind text;
alter table agente_approvals add column if not exists requester_id text;
alter table agente_approvals add column if not exists requester_name text;
alter table agente_approvals add column if not exists question text;
alter table agente_approvals add column if not exists server text;
alter table agente_approvals add column if not exists original_tool text;
alter table agente_approvals add column if not exists expires_at timestamptz;
alter table agente_approvals add column if not exists decided_by text;
alter table agente_approvals add column if not exists continuation text;
alter table agente_approvals add column if not exists call_state text;
alter table agente_approvals add column if not exists claimed_at timestamptz;
alter table agente_approvals add column if not exists finished_at timestamptz;
`;

export class PostgresConversationStore implements ConversationStore {
  readonly kind = "postgres";
  private readonly pool: pg.Pool;
  /**
   * Turns holding a lock connection are capped at half the pool: a turn's own queries (history, approvals,
   * the answer) need a connection too, and must never wait behind turns that wait for them.
   */
  private readonly lockSlots: Slots;

  private constructor(pool: pg.Pool, maxConnections: number) {
    this.pool = pool;
    this.lockSlots = new Slots(Math.max(1, Math.floor(maxConnections / 2)));
  }

  /** Connects and creates the tables when missing. `maxConnections` bounds the turns holding a lock at once. */
  static async connect(options: {
    url: string;
    maxConnections?: number;
  }): Promise<PostgresConversationStore> {
    const maxConnections = options.maxConnections ?? 20;
    const pool = new pg.Pool({ connectionString: options.url, max: maxConnections });
    // An idle client's network error must not crash the process; the next query reports it.
    pool.on("error", () => {});
    const client = await pool.connect();
    try {
      // Two replicas starting together must not race on `create table`.
      await client.query("select pg_advisory_lock($1, 0)", [LOCK_CLASS]);
      await client.query(SCHEMA);
      await client.query("select pg_advisory_unlock($1, 0)", [LOCK_CLASS]);
    } finally {
      client.release();
    }
    return new PostgresConversationStore(pool, maxConnections);
  }

  async createSession(title: string, owner = OWNER_ID): Promise<StoredSession> {
    const result = await this.pool.query(
      "insert into agente_sessions (id, title, owner) values ($1, $2, $3) returning *",
      [randomUUID(), title, owner],
    );
    return sessionFromRow(result.rows[0]);
  }

  async listSessions(owner: string, limit = 200): Promise<StoredSession[]> {
    const result = await this.pool.query(
      "select * from agente_sessions where owner = $1 order by updated_at desc, created_at desc limit $2",
      [owner, limit],
    );
    return result.rows.map(sessionFromRow);
  }

  async getSession(id: string): Promise<StoredSession | undefined> {
    const result = await this.pool.query("select * from agente_sessions where id = $1", [id]);
    return result.rows[0] === undefined ? undefined : sessionFromRow(result.rows[0]);
  }

  async renameSession(id: string, title: string): Promise<void> {
    await this.pool.query("update agente_sessions set title = $2 where id = $1", [id, title]);
  }

  async deleteSession(id: string): Promise<void> {
    await this.pool.query("delete from agente_sessions where id = $1", [id]);
  }

  async deleteSessionsOf(owner: string): Promise<number> {
    const result = await this.pool.query("delete from agente_sessions where owner = $1", [owner]);
    return result.rowCount ?? 0;
  }

  async messages(sessionId: string): Promise<StoredMessage[]> {
    const result = await this.pool.query("select * from agente_messages where session_id = $1 order by id", [
      sessionId,
    ]);
    return result.rows.map(messageFromRow);
  }

  async appendMessages(sessionId: string, messages: NewMessage[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      for (const message of messages)
        await client.query(
          "insert into agente_messages (session_id, role, content, model_content, details) values ($1, $2, $3, $4, $5)",
          [
            sessionId,
            message.role,
            message.content,
            message.modelContent,
            message.details === undefined ? null : JSON.stringify(message.details),
          ],
        );
      await client.query("update agente_sessions set updated_at = now() where id = $1", [sessionId]);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async keepMessages(sessionId: string, count: number): Promise<void> {
    await this.pool.query(
      "delete from agente_messages where session_id = $1 and id not in (select id from agente_messages where session_id = $1 order by id limit $2)",
      [sessionId, Math.max(0, count)],
    );
  }

  async assertWritable(): Promise<void> {
    await this.pool.query("delete from agente_sessions where id = ''");
  }

  async withSessionLock<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    // A session-level lock lives on one connection: that connection is held for the whole turn.
    const release = await this.lockSlots.acquire();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      release();
      throw error;
    }
    let locked = false;
    try {
      await client.query("select pg_advisory_lock($1, hashtext($2))", [LOCK_CLASS, sessionId]);
      locked = true;
      return await work();
    } finally {
      if (locked)
        await client
          .query("select pg_advisory_unlock($1, hashtext($2))", [LOCK_CLASS, sessionId])
          .catch(() => {});
      client.release();
      release();
    }
  }

  async createApproval(approval: NewApproval): Promise<StoredApproval> {
    const result = await this.pool.query(
      `insert into agente_approvals (id, session_id, tool, args, status, kind, requester_id, requester_name,
         question, server, original_tool, expires_at, continuation)
       values ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $10, $11, $12) returning *`,
      [
        randomUUID(),
        approval.sessionId,
        approval.tool,
        JSON.stringify(approval.args),
        approval.kind ?? "self",
        approval.requester?.id ?? null,
        approval.requester?.name ?? null,
        approval.question ?? null,
        approval.server ?? null,
        approval.originalTool ?? null,
        approval.expiresAt ?? null,
        approval.continuation === undefined ? null : JSON.stringify(approval.continuation),
      ],
    );
    return approvalFromRow(result.rows[0]);
  }

  async getApproval(id: string): Promise<StoredApproval | undefined> {
    const result = await this.pool.query("select * from agente_approvals where id = $1", [id]);
    return result.rows[0] === undefined ? undefined : approvalFromRow(result.rows[0]);
  }

  async decideApproval(id: string, approved: boolean, reason?: string): Promise<boolean> {
    const result = await this.pool.query(
      "update agente_approvals set status = $2, reason = $3 where id = $1 and status = 'pending'",
      [id, approved ? "approved" : "denied", reason ?? null],
    );
    return result.rowCount === 1;
  }

  async pendingApprovals(sessionId: string): Promise<StoredApproval[]> {
    const result = await this.pool.query(
      "select * from agente_approvals where session_id = $1 and status = 'pending' order by created_at",
      [sessionId],
    );
    return result.rows.map(approvalFromRow);
  }
  async waitingApprovals(): Promise<StoredApproval[]> {
    const result = await this.pool.query(
      "select * from agente_approvals where kind = 'other' and status = 'pending' order by created_at, id",
    );
    return result.rows.map(approvalFromRow);
  }

  async claimApproval(
    id: string,
    decision: { approved: boolean; decidedBy: string; reason?: string; at: Date },
  ): Promise<ClaimedApproval | undefined> {
    const result = await this.pool.query(
      "update agente_approvals set status = $2, reason = $3, decided_by = $4, claimed_at = $5 where id = $1 and status = 'pending' returning *",
      [
        id,
        decision.approved ? "approved" : "denied",
        decision.reason ?? null,
        decision.decidedBy,
        decision.at,
      ],
    );
    return result.rows[0] === undefined ? undefined : claimedFromRow(result.rows[0]);
  }

  async claimExpiredApprovals(now: Date): Promise<ClaimedApproval[]> {
    const result = await this.pool.query(
      "update agente_approvals set status = 'expired', claimed_at = $1 where kind = 'other' and status = 'pending' and expires_at <= $1 returning *",
      [now],
    );
    return result.rows.map(claimedFromRow);
  }

  async recordApprovalCall(id: string, call: ApprovalCallState): Promise<void> {
    await this.pool.query("update agente_approvals set call_state = $2 where id = $1", [
      id,
      JSON.stringify(call),
    ]);
  }

  async finishApproval(id: string): Promise<void> {
    await this.pool.query("update agente_approvals set finished_at = now() where id = $1", [id]);
  }

  async reclaimStalledApprovals(now: Date, staleBefore: Date): Promise<ClaimedApproval[]> {
    const result = await this.pool.query(
      `update agente_approvals set claimed_at = $1 where kind = 'other' and status <> 'pending'
         and finished_at is null and claimed_at < $2 returning *`,
      [now, staleBefore],
    );
    return result.rows.map(claimedFromRow);
  }

  async createQuestion(question: {
    sessionId: string;
    server: string;
    request: QuestionRequest;
  }): Promise<StoredQuestion> {
    const result = await this.pool.query(
      "insert into agente_questions (id, session_id, server, request, status) values ($1, $2, $3, $4, 'pending') returning *",
      [randomUUID(), question.sessionId, question.server, JSON.stringify(question.request)],
    );
    return questionFromRow(result.rows[0]);
  }

  async getQuestion(id: string): Promise<StoredQuestion | undefined> {
    const result = await this.pool.query("select * from agente_questions where id = $1", [id]);
    return result.rows[0] === undefined ? undefined : questionFromRow(result.rows[0]);
  }

  async answerQuestion(id: string, answer: QuestionAnswer): Promise<boolean> {
    const result = await this.pool.query(
      "update agente_questions set status = 'answered', answer = $2 where id = $1 and status = 'pending'",
      [id, JSON.stringify(answer)],
    );
    return result.rowCount === 1;
  }

  async pendingQuestions(sessionId: string): Promise<StoredQuestion[]> {
    const result = await this.pool.query(
      "select * from agente_questions where session_id = $1 and status = 'pending' order by created_at",
      [sessionId],
    );
    return result.rows.map(questionFromRow);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A counting semaphore: `acquire` waits for a free slot and returns its release. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(count: number) {
    this.free = count;
  }

  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next === undefined) this.free += 1;
      else next();
    };
  }
}
