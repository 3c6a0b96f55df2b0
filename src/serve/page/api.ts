/// <reference lib="dom" />
/** The page's calls to its server: JSON requests, a turn's event stream, uploads with progress. */

export interface SessionInfo {
  id: string;
  title: string;
  updatedAt: string;
}

export interface StepInfo {
  step: number;
  tool?: string;
  arguments?: Record<string, unknown>;
  result?: string;
  isError?: boolean;
  repeated?: boolean;
  problem?: string;
}

export interface MessageInfo {
  role: "user" | "assistant";
  content: string;
  details?: { stopReason: string; steps: StepInfo[]; sources: string[] };
}

export interface ApprovalInfo {
  id: string;
  tool: string;
  args: Record<string, unknown>;
}

export interface StatusInfo {
  model: { provider: string; name: string };
  servers: Array<{ name: string; state: string; tools: number; reason?: string }>;
  store: string;
}

export type TurnEvent =
  | { type: "sources"; sources: string[] }
  | { type: "tool_call"; step: number; tool: string; arguments: Record<string, unknown> }
  | { type: "approval_request"; id: string; tool: string; arguments: Record<string, unknown> }
  | { type: "approval"; step: number; tool: string; approved: boolean; reason?: string }
  | { type: "tool_result"; step: number; tool: string; result: string; isError: boolean; repeated: boolean }
  | { type: "invalid_step"; step: number; problem: string }
  | { type: "answer"; text: string; stopReason: string; sources: string[] }
  | { type: "error"; message: string };

async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
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
  return (response.status === 204 ? undefined : await response.json()) as T;
}

async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? response.statusText;
  } catch {
    return response.statusText;
  }
}

export const api = {
  status: () => json<StatusInfo>("/api/status"),
  sessions: () => json<{ sessions: SessionInfo[] }>("/api/sessions").then((body) => body.sessions),
  createSession: () => json<SessionInfo>("/api/sessions", { method: "POST", body: "{}" }),
  session: (id: string) =>
    json<{ session: SessionInfo; messages: MessageInfo[]; approvals: ApprovalInfo[] }>(`/api/sessions/${id}`),
  deleteSession: (id: string) => json<void>(`/api/sessions/${id}`, { method: "DELETE" }),
  decide: (id: string, approved: boolean) =>
    json<unknown>(`/api/approvals/${id}`, { method: "POST", body: JSON.stringify({ approved }) }),
};

/** Runs one turn and hands each server-sent event to `onEvent` as it arrives. */
export async function runTurn(
  sessionId: string,
  message: string,
  onEvent: (event: TurnEvent) => void,
): Promise<void> {
  const response = await fetch(`/api/sessions/${sessionId}/turns`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message }),
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
      onEvent(JSON.parse(data) as TurnEvent);
    }
  }
}

/** Sends one file into memory; `onProgress` gets the fraction uploaded (0–1). */
export function uploadDocument(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<{ file: string; status: string; chunks: number }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/documents");
    request.setRequestHeader("content-type", "application/octet-stream");
    request.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      try {
        const body = JSON.parse(request.responseText) as {
          file: string;
          status: string;
          chunks: number;
          error?: { message: string };
        };
        if (request.status >= 400) reject(new Error(body.error?.message ?? request.statusText));
        else resolve(body);
      } catch (error) {
        reject(error);
      }
    };
    request.onerror = () => reject(new Error("network error"));
    request.send(file);
  });
}
