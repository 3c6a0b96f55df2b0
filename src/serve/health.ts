/**
 * What `GET /health` and the page's status panel report: the model's state, each MCP server, and the
 * conversation store. `degraded` when the model is not ready, a server is down, or the store cannot be
 * written: the process answers, but a question may not.
 */
import type { ServerStatus } from "../mcp/hub.js";
import type { ModelStatus } from "./model-watch.js";
import type { ServerLogLine } from "./server-logs.js";

export interface HealthReport {
  status: "ok" | "degraded";
  model: ModelStatus;
  servers: Array<{
    name: string;
    state: string;
    tools: number;
    reason?: string;
    logs?: ServerLogLine[];
    /** Down until someone signs in (OAuth): `agente login NAME`, or the panel's button (server-login.ts). */
    needsLogin?: boolean;
  }>;
  /** Whether the panel's sign-in works here (serve on loopback); else `agente login` on serve's machine. */
  signInHere?: boolean;
  store: string;
  /** False when the conversation store cannot be written (a read-only file): no turn runs then. */
  storeWritable: boolean;
  gateway: boolean;
}

export function healthReport(input: {
  model: ModelStatus;
  statuses: readonly ServerStatus[];
  store: string;
  storeWritable: boolean;
  gateway: boolean;
  /** The last log lines of a server (server-logs.ts), for the status panel. */
  logs?: (server: string) => ServerLogLine[];
  signInHere?: boolean;
}): HealthReport {
  const down = input.statuses.some((status) => status.state === "down");
  return {
    status: input.model.state === "ready" && !down && input.storeWritable ? "ok" : "degraded",
    model: input.model,
    servers: input.statuses.map((status) => ({
      name: status.name,
      state: status.state,
      tools: status.toolCount,
      ...(status.reason === undefined ? {} : { reason: status.reason }),
      ...logsOf(input.logs, status.name),
      ...(status.reasonText?.key === "oauth.reason.needsLogin" ? { needsLogin: true } : {}),
    })),
    ...(input.signInHere === undefined ? {} : { signInHere: input.signInHere }),
    store: input.store,
    storeWritable: input.storeWritable,
    gateway: input.gateway,
  };
}

/** Whether the store takes a write now. */
export async function storeWritable(store: { assertWritable(): Promise<void> }): Promise<boolean> {
  try {
    await store.assertWritable();
    return true;
  } catch {
    return false;
  }
}

function logsOf(
  logs: ((server: string) => ServerLogLine[]) | undefined,
  server: string,
): { logs?: ServerLogLine[] } {
  const lines = logs?.(server) ?? [];
  return lines.length === 0 ? {} : { logs: lines };
}

/** `/health` is public: servers' log lines are for the signed-in page (`/api/status`) only. */
export function withoutLogs(report: HealthReport): HealthReport {
  return { ...report, servers: report.servers.map(({ logs: _logs, ...server }) => server) };
}
