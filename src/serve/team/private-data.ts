/**
 * Removing a person removes their private data: every conversation they own (with its messages and
 * approvals) and every document of their private memory. Shared documents they published stay: they
 * belong to the company. `agente users rm` calls `removePrivateData` with the serve environment.
 */
import { memorySettings, openMemory } from "../../memory/open-memory.js";
import type { ConversationStore } from "../conversation-store.js";
import { type DocumentIngester, MemoryDocuments } from "../documents.js";
import { openConversationStore } from "../open-conversation-store.js";

export interface RemovedPrivateData {
  conversations: number;
  documents: number;
}

/** Removes the person's conversations and private documents from open stores. */
export async function removePrivateDataFrom(
  stores: { conversations: ConversationStore; documents: DocumentIngester },
  personId: string,
): Promise<RemovedPrivateData> {
  const conversations = await stores.conversations.deleteSessionsOf(personId);
  const documents = await stores.documents.removePrivate(personId);
  return { conversations, documents };
}

/**
 * Opens the stores `agente serve` uses for this environment (the memory-environment as `serve` builds it:
 * `AGENTE_MEMORY_PATH`/`AGENTE_MEMORY_URL`, `AGENTE_CONVERSATIONS_PATH`), removes the person's private data
 * and closes them.
 */
export async function removePrivateData(
  env: NodeJS.ProcessEnv,
  personId: string,
  cwd: string = process.cwd(),
): Promise<RemovedPrivateData> {
  const conversations = await openConversationStore(env);
  const documents = new MemoryDocuments({ openMemory: () => openMemory(memorySettings([env], cwd)) });
  try {
    return await removePrivateDataFrom({ conversations, documents }, personId);
  } finally {
    await documents.close();
    await conversations.close();
  }
}
