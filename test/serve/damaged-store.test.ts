/** A damaged conversation store is named, with the way out; it is no "bug in agente". */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatError } from "../../src/cli/print-error.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { openConversationStore } from "../../src/serve/open-conversation-store.js";
import { UserError } from "../../src/util/errors.js";

let folder: string | undefined;
afterEach(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

describe("a damaged conversation store", () => {
  it("names the file and how to start afresh", async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-damaged-"));
    const file = join(folder, "conversations.db");
    await writeFile(file, "this is no SQLite database, only some text that is long enough\n".repeat(20));
    const error = await openConversationStore({ AGENTE_CONVERSATIONS_PATH: file }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect(formatError(error, false, createTranslator("en"))).toBe(
      `error: the conversation store ${file} is damaged or not a SQLite database\n` +
        `  move it aside (mv ${file} ${file}.broken) and start again: a new, empty store is made; or point AGENTE_CONVERSATIONS_PATH at another file`,
    );
  });
});
