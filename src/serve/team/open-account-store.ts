/**
 * The account store that matches the conversation store: PostgreSQL when `AGENTE_MEMORY_URL` is a
 * postgres:// URL (the same database), else the SQLite file of the conversations (`conversationsPath`).
 */
import { conversationsPath } from "../open-conversation-store.js";
import type { AccountStore } from "./account-store.js";
import { PostgresAccountStore } from "./postgres-account-store.js";
import { SqliteAccountStore } from "./sqlite-account-store.js";

export async function openAccountStore(env: Record<string, string | undefined>): Promise<AccountStore> {
  const url = env.AGENTE_MEMORY_URL?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return PostgresAccountStore.connect({ url });
  return new SqliteAccountStore({ path: conversationsPath(env) });
}
