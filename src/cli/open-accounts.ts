/**
 * The accounts for one command (`agente users`, `agente tokens`): the same store `agente serve` opens
 * (beside the conversations, or in their PostgreSQL), the roles of the config's `access` section, and the
 * audit trail; always closed after.
 */
import type { Command } from "commander";
import { loadConfig } from "../config/load-config.js";
import { memoryEnvironment } from "../runtime/memory-environment.js";
import { resolveAccessPolicy } from "../serve/team/access-policy.js";
import { Accounts } from "../serve/team/accounts.js";
import { openAccountStore } from "../serve/team/open-account-store.js";
import { removePrivateData } from "../serve/team/private-data.js";
import { auditLogFor } from "../serve/team/unwired-audit-log.js";
import { globalOptions } from "./global-options.js";

/** Who the audit trail names for a change made on the command line: the machine's owner. */
export const COMMAND_LINE_ACTOR = "system";

export async function withAccounts<T>(
  command: Command,
  work: (accounts: Accounts) => Promise<T>,
): Promise<T> {
  const { config } = globalOptions(command);
  const loaded = await loadConfig(config === undefined ? {} : { path: config });
  const env = memoryEnvironment(loaded, { ...loaded.env, ...process.env });
  const policy = resolveAccessPolicy(loaded.settings.access, loaded.file);
  const store = await openAccountStore(env);
  try {
    const audit = await auditLogFor(env);
    try {
      // Removing a person removes their conversations and private documents (team/private-data.ts).
      const removePersonData = async (account: { id: string }) => {
        await removePrivateData(env, account.id);
      };
      return await work(new Accounts({ store, policy, audit, removePersonData }));
    } finally {
      await audit.close();
    }
  } finally {
    await store.close();
  }
}
