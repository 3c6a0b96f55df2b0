/**
 * Where `agente serve` keeps conversations and pending approvals: SQLite beside the memory store by
 * default, PostgreSQL when the memory store is PostgreSQL. Everything a second replica needs lives here,
 * never in process memory: the messages, and each approval waiting for the user's decision.
 */

import type { QuestionAnswer, QuestionRequest, StoredQuestion } from "./stored-question.js";

export interface StoredSession {
  id: string;
  title: string;
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

export type ApprovalStatus = "pending" | "approved" | "denied";

export interface StoredApproval {
  id: string;
  sessionId: string;
  tool: string;
  args: Record<string, unknown>;
  status: ApprovalStatus;
  reason?: string;
  createdAt: string;
}

export interface ConversationStore {
  /** `sqlite` or `postgres`, for `/health`. */
  readonly kind: string;
  createSession(title: string): Promise<StoredSession>;
  /** Newest first. */
  listSessions(limit?: number): Promise<StoredSession[]>;
  getSession(id: string): Promise<StoredSession | undefined>;
  renameSession(id: string, title: string): Promise<void>;
  deleteSession(id: string): Promise<void>;
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
  createApproval(approval: {
    sessionId: string;
    tool: string;
    args: Record<string, unknown>;
  }): Promise<StoredApproval>;
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
  close(): Promise<void>;
}
