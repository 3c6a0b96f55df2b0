/**
 * The conversation store that matches the memory store: PostgreSQL when `AGENTE_MEMORY_URL` is a
 * postgres:// URL, else `conversations.db` beside the memory's SQLite file (`AGENTE_CONVERSATIONS_PATH`
 * overrides the file).
 */
import { dirname, join } from "node:path";
import { localised } from "../i18n/localised.js";
import { defaultMemoryPath } from "../memory/open-memory.js";
import { UserError } from "../util/errors.js";
import type { ConversationStore } from "./conversation-store.js";
import { PostgresConversationStore } from "./postgres-conversation-store.js";
import { SqliteConversationStore } from "./sqlite-conversation-store.js";

export function conversationsPath(env: NodeJS.ProcessEnv): string {
  const explicit = env.AGENTE_CONVERSATIONS_PATH?.trim();
  if (explicit) return explicit;
  const memory = env.AGENTE_MEMORY_PATH?.trim() || defaultMemoryPath(env);
  return join(dirname(memory), "conversations.db");
}

export async function openConversationStore(env: NodeJS.ProcessEnv): Promise<ConversationStore> {
  const url = env.AGENTE_MEMORY_URL?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return PostgresConversationStore.connect({ url });
  const path = conversationsPath(env);
  try {
    return new SqliteConversationStore({ path });
  } catch (error) {
    // A file that is no SQLite database (or a damaged one): name it and the way out, it is no bug.
    const code = error instanceof Error && "code" in error ? error.code : undefined;
    if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT")
      throw new UserError(localised("serve.storeCorrupt", { file: path }), {
        cause: error,
        hint: localised("serve.storeCorruptHint", { file: path }),
      });
    throw error;
  }
}
