/** The page's calls to its server: JSON requests, a turn's event stream, uploads with progress; every reply is parsed. */
import * as z from "zod/mini";
import {
  approvalListSchema,
  auditListSchema,
  documentListSchema,
  errorBodySchema,
  serverLoginSchema,
  sessionDetailSchema,
  sessionListSchema,
  sessionSchema,
  statusSchema,
  type TurnEvent,
  turnEventSchema,
  type UploadResult,
  uploadResultSchema,
} from "./schemas.js";

export type {
  ApprovalInfo,
  AuditEntryInfo,
  CutInfo,
  DocumentInfo,
  MessageInfo,
  PassageInfo,
  SessionInfo,
  StatusInfo,
  StepInfo,
  TurnEvent,
  UploadResult,
} from "./schemas.js";

async function json<T>(path: string, schema: z.ZodMiniType<T>, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    credentials: "same-origin",
    headers: init.body === undefined ? {} : { "content-type": "application/json" },
  });
  if (response.status === 401) {
    location.reload();
    throw new Error("401");
  }
  if (!response.ok) throw new Error(await errorText(response));
  return schema.parse(response.status === 204 ? undefined : await response.json());
}

async function errorText(response: Response): Promise<string> {
  try {
    const body = errorBodySchema.parse(await response.json());
    return body.error?.message ?? response.statusText;
  } catch {
    return response.statusText;
  }
}

const zUnknown = z.unknown();

export const api = {
  status: () => json("/api/status", statusSchema),
  sessions: () => json("/api/sessions", sessionListSchema).then((body) => body.sessions),
  createSession: () => json("/api/sessions", sessionSchema, { method: "POST", body: "{}" }),
  session: (id: string) => json(`/api/sessions/${id}`, sessionDetailSchema),
  deleteSession: (id: string) => json(`/api/sessions/${id}`, zUnknown, { method: "DELETE" }),
  renameSession: (id: string, title: string) =>
    json(`/api/sessions/${id}`, sessionSchema, { method: "PATCH", body: JSON.stringify({ title }) }),
  documents: () => json("/api/documents", documentListSchema),
  /** The audit trail (admins; anyone else is refused with 403, which throws). */
  audit: (query: string) => json(`/api/audit?${query}`, auditListSchema).then((body) => body.entries),
  deleteDocument: (id: string) => json(`/api/documents/${id}`, zUnknown, { method: "DELETE" }),
  answerQuestion: (id: string, answer: { action: string; content?: Record<string, unknown> }) =>
    json(`/api/questions/${id}`, zUnknown, { method: "POST", body: JSON.stringify(answer) }),
  loginServer: (name: string) =>
    json(`/api/servers/${encodeURIComponent(name)}/login`, serverLoginSchema, { method: "POST", body: "{}" }),
  approvals: () => json("/api/approvals", approvalListSchema),
  decide: (id: string, approved: boolean) =>
    json(`/api/approvals/${id}`, zUnknown, { method: "POST", body: JSON.stringify({ approved }) }),
};

/**
 * Runs one turn and hands each server-sent event to `onEvent` as it arrives. `keep`: the messages kept
 * before it (regenerate, edit and resend, retry); `signal` stops it (the server stops the model and tools).
 */
export async function runTurn(
  sessionId: string,
  turn: { message: string; keep?: number },
  onEvent: (event: TurnEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(`/api/sessions/${sessionId}/turns`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(turn),
    signal,
  });
  if (!response.ok || response.body === null) throw new Error(await errorText(response));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
      const data = block
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n");
      if (data === "" || data === "[DONE]") continue;
      onEvent(turnEventSchema.parse(JSON.parse(data)));
    }
  }
}

/** Sends one file into memory; `onProgress` gets the fraction uploaded (0–1). */
export function uploadDocument(
  file: File,
  destination: "shared" | "private",
  onProgress: (fraction: number) => void,
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/documents");
    request.setRequestHeader("content-type", "application/octet-stream");
    request.setRequestHeader("x-destination", destination);
    request.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      try {
        const body: unknown = JSON.parse(request.responseText);
        if (request.status >= 400)
          reject(new Error(errorBodySchema.parse(body).error?.message ?? request.statusText));
        else resolve(uploadResultSchema.parse(body));
      } catch (error) {
        reject(error);
      }
    };
    request.onerror = () => reject(new Error("network error"));
    request.send(file);
  });
}
