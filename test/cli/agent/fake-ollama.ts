/**
 * A local server speaking Ollama's wire format with scripted replies: how a child `agente` process is
 * driven by a scripted model (through `OLLAMA_HOST`), exercising the real Ollama provider on the way.
 */
import { type ReplayServer, startReplayServer } from "../../llm/replay-server.js";

/** A scripted reply: the model's text, or the text after a delay (a slow model, to cancel). */
export type FakeReply = string | { text: string; delayMs: number };

/** `port`: listen there (a test that starts "Ollama" where the CLI already looked); default any free port. */
export async function startFakeOllama(replies: FakeReply[], port?: number): Promise<ReplayServer> {
  const queue = [...replies];
  return startReplayServer(
    {
      "GET /api/version": { body: JSON.stringify({ version: "0.12.6" }) },
      "GET /api/tags": { body: JSON.stringify({ models: [{ name: "llama3.2:1b", model: "llama3.2:1b" }] }) },
      "POST /api/show": {
        body: JSON.stringify({
          model_info: { "general.architecture": "llama", "llama.context_length": 131072 },
        }),
      },
      "POST /api/chat": () => {
        const next = queue.shift();
        if (next === undefined)
          return { status: 500, body: JSON.stringify({ error: "fake Ollama: no scripted reply left" }) };
        const line = (value: unknown) => `${JSON.stringify(value)}\n`;
        const text = typeof next === "string" ? next : next.text;
        return {
          ...(typeof next === "string" ? {} : { delayMs: next.delayMs }),
          contentType: "application/x-ndjson",
          body: [
            line({
              model: "llama3.2:1b",
              created_at: "2026-11-20T10:00:00Z",
              message: { role: "assistant", content: text },
              done: false,
            }),
            line({
              model: "llama3.2:1b",
              created_at: "2026-11-20T10:00:01Z",
              message: { role: "assistant", content: "" },
              done: true,
              done_reason: "stop",
              prompt_eval_count: 200,
              eval_count: 20,
            }),
          ],
        };
      },
    },
    port === undefined ? {} : { port },
  );
}
