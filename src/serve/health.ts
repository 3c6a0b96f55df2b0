/** What `GET /health` and the page's status panel report: the model and each MCP server. */
import type { ChatModel } from "../llm/chat-model.js";
import type { ServerStatus } from "../mcp/hub.js";

export interface HealthReport {
  status: "ok";
  model: { provider: string; name: string };
  servers: Array<{ name: string; state: string; tools: number; reason?: string }>;
  store: string;
  gateway: boolean;
}

export function healthReport(input: {
  model: Pick<ChatModel, "provider" | "model">;
  statuses: readonly ServerStatus[];
  store: string;
  gateway: boolean;
}): HealthReport {
  return {
    status: "ok",
    model: { provider: input.model.provider, name: input.model.model },
    servers: input.statuses.map((status) => ({
      name: status.name,
      state: status.state,
      tools: status.toolCount,
      ...(status.reason === undefined ? {} : { reason: status.reason }),
    })),
    store: input.store,
    gateway: input.gateway,
  };
}
