/**
 * Where `agente serve` keeps conversations and pending approvals: SQLite beside the memory store by
 * default, PostgreSQL when the memory store is PostgreSQL. Everything a second replica needs lives here,
 * never in process memory: the messages, and each approval waiting for the user's decision.
 */

import type { QuestionAnswer, QuestionRequest, StoredQuestion } from "./stored-question.js";
/** Who owns the conversations of a single-person serve, and every conversation stored before owners. */
export const OWNER_ID = "owner";

export interface StoredSession {
  id: string;
  title: string;
  /** The person it belongs to (`Person.id`): nobody else lists or reads it. */
  owner: string;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
}

/** One message of a conversation as the page shows it and the model reads it back. */
export interface StoredMessage {
  role: "user" | "assistant";
  /** What the user wrote, or the final answer. */
  content: string;
  /** The message as the model saw it in the history (the JSON action in `json` tool mode). */
  modelContent: string;
  /** For an answer: its steps, sources and stop reason (`TurnSummary`), as JSON. */
  details?: unknown;
  createdAt: string;
}

export type NewMessage = Omit<StoredMessage, "createdAt">;

export type ApprovalStatus = "pending" | "approved" | "denied" | "expired";

export interface StoredApproval {
  id: string;
  sessionId: string;
  tool: string;
  /** With secrets masked: what people see. */
  args: Record<string, unknown>;
  status: ApprovalStatus;
  reason?: string;
  createdAt: string;
  /** Who decides: the requester in their own page (`self`), or another person whose role may (`other`). */
  kind: "self" | "other";
  /** Who asked (`Person.id` and name); absent on approvals stored before roles. */
  requester?: { id: string; name: string };
  /** The question of the turn that asked. */
  question?: string;
  /** The tool's server and its name there (the role patterns' `server/tool`). */
  server?: string;
  originalTool?: string;
  /** `other` approvals: when nobody deciding refuses it (ISO 8601). */
  expiresAt?: string;
  /** The name of the person who decided. */
  decidedBy?: string;
}

export interface NewApproval {
  sessionId: string;
  tool: string;
  args: Record<string, unknown>;
  kind?: "self" | "other";
  requester?: { id: string; name: string };
  question?: string;
  server?: string;
  originalTool?: string;
  expiresAt?: string;
  /**
   * What the turn needs to go on once decided (team/turn-continuation.ts). Never sent to anyone: it holds
   * the tool's arguments unmasked, to run the call as the model asked for it.
   */
  continuation?: unknown;
}

/**
 * What became of an approved call: `calling` was stored just before it ran, the result once it had. A
 * turn taken over after its replica died reads it: a result is not run again, `calling` means unknown.
 */
export type ApprovalCallState =
  | { state: "calling" }
  | { state: "done"; observation: string; isError: boolean };

/** An approval one caller decided (or expired) atomically, with the continuation of its turn. */
export interface ClaimedApproval {
  approval: StoredApproval;
  continuation: unknown;
  call?: ApprovalCallState;
}

export interface ConversationStore {
  /** `sqlite` or `postgres`, for `/health`. */
  readonly kind: string;
  /** `owner` is the person's id; default the single-person owner (`OWNER_ID`). */
  createSession(title: string, owner?: string): Promise<StoredSession>;
  /** The owner's conversations, newest first. */
  listSessions(owner: string, limit?: number): Promise<StoredSession[]>;
  /** Any owner's: routes answer another person's as missing (web-routes.ts `ownSession`). */
  getSession(id: string): Promise<StoredSession | undefined>;
  renameSession(id: string, title: string): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** Deletes every conversation of the owner (with messages and approvals); returns how many. */
  deleteSessionsOf(owner: string): Promise<number>;
  /** Oldest first. */
  messages(sessionId: string): Promise<StoredMessage[]>;
  appendMessages(sessionId: string, messages: NewMessage[]): Promise<void>;
  /** Deletes every message after the first `count` (a regenerated answer, an edited question). */
  keepMessages(sessionId: string, count: number): Promise<void>;
  /** Throws when a write would fail (a read-only file or database), so no turn runs that cannot be stored. */
  assertWritable(): Promise<void>;
  /**
   * Runs `work` while no other turn of the same session runs, in this process or (PostgreSQL) any
   * replica sharing the database: turns of one session queue, turns of different sessions run in parallel.
   */
  withSessionLock<T>(sessionId: string, work: () => Promise<T>): Promise<T>;
  createApproval(approval: NewApproval): Promise<StoredApproval>;
  getApproval(id: string): Promise<StoredApproval | undefined>;
  /** Records the user's decision; false when the approval is unknown or already decided. */
  decideApproval(id: string, approved: boolean, reason?: string): Promise<boolean>;
  /** Approvals of the session still waiting (a page reloaded mid-turn shows them again). */
  pendingApprovals(sessionId: string): Promise<StoredApproval[]>;
  /** A server's question during a turn (stored-question.ts), waiting for the person's answer. */
  createQuestion(question: {
    sessionId: string;
    server: string;
    request: QuestionRequest;
  }): Promise<StoredQuestion>;
  getQuestion(id: string): Promise<StoredQuestion | undefined>;
  /** Records the answer; false when the question is unknown or already answered. */
  answerQuestion(id: string, answer: QuestionAnswer): Promise<boolean>;
  /** Questions of the session still waiting (a page reloaded mid-turn shows them again). */
  pendingQuestions(sessionId: string): Promise<StoredQuestion[]>;
  /** Every `other` approval still pending, on any session, oldest first (approvers filter by role). */
  waitingApprovals(): Promise<StoredApproval[]>;
  /**
   * Decides a pending approval with one conditional update, so among every caller on every replica exactly
   * one wins: that one gets the row and its continuation, the others undefined.
   */
  claimApproval(
    id: string,
    decision: { approved: boolean; decidedBy: string; reason?: string; at: Date },
  ): Promise<ClaimedApproval | undefined>;
  /** Marks pending `other` approvals whose time is up `expired`, each claimed by exactly one caller. */
  claimExpiredApprovals(now: Date): Promise<ClaimedApproval[]>;
  /** Records what became of the approved call (before it runs, and its result). */
  recordApprovalCall(id: string, call: ApprovalCallState): Promise<void>;
  /** The turn went on and its answer is stored: nobody takes it over any more. */
  finishApproval(id: string): Promise<void>;
  /**
   * Decided approvals whose turn was claimed before `staleBefore` and never finished (the replica that
   * claimed it died): claimed again, at `now`, each by exactly one caller.
   */
  reclaimStalledApprovals(now: Date, staleBefore: Date): Promise<ClaimedApproval[]>;
  close(): Promise<void>;
}
