/** Conversations belong to their owner: every route that names one by id reads it through here. */
import type { FastifyRequest } from "fastify";
import type { ConversationStore, StoredSession } from "../conversation-store.js";
import { personOf } from "./person.js";

/**
 * The conversation if it is the caller's own. Another person's answers as missing (404, never 403): nobody
 * learns that it exists, admins included.
 */
export async function ownSession(
  store: ConversationStore,
  request: FastifyRequest,
  id: string,
): Promise<StoredSession | undefined> {
  const session = await store.getSession(id);
  return session?.owner === personOf(request).id ? session : undefined;
}
