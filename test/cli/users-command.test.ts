/**
 * `agente users` and `agente tokens` through the real CLI (a child process, password from stdin), on the
 * SQLite file `agente serve` keeps its conversations in: one-line errors for the usual mistakes.
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createWorkspace, SLOW_TEST_MS, type Workspace } from "../e2e/support/workspace.js";

const listed = z.array(
  z.object({ id: z.string(), name: z.string(), role: z.string(), createdAt: z.string() }),
);

describe("agente users and agente tokens", { timeout: SLOW_TEST_MS }, () => {
  let workspace: Workspace;
  const run = (args: string[], input?: string) =>
    workspace.agente(args, { ...(input === undefined ? {} : { input }), env: { AGENTE_LANG: "en" } });

  beforeAll(async () => {
    workspace = await createWorkspace({ AGENTE_EMBEDDER: "none" });
  });
  afterAll(async () => {
    await workspace?.remove();
  });

  it("adds people with the password from stdin, lists them, and refuses the usual mistakes in one line", async () => {
    expect(await run(["users", "add", "ana", "--role", "member"], "secreto-de-ana\n")).toMatchObject({
      code: 0,
      stdout: "added ana (member)\n",
    });
    expect((await run(["users", "add", "luis", "--role", "admin"], "secreto-de-luis\n")).code).toBe(0);
    const errors: Array<[string[], string | undefined, string]> = [
      [
        ["users", "add", "ana", "--role", "admin"],
        "otra-contraseña\n",
        'error: a user named "ana" already exists: pick another name, or change the password with agente users passwd ana\n',
      ],
      [
        ["users", "add", "eva", "--role", "jefa"],
        undefined,
        'error: unknown role "jefa": use one of admin, member, viewer\n',
      ],
      [
        ["users", "add", "eva", "--role", "viewer"],
        "\n",
        "error: the password is empty: type one (at least 8 characters)\n",
      ],
      [
        ["users", "add", "eva", "--role", "viewer"],
        "corta\n",
        "error: the password has 5 characters: use at least 8\n",
      ],
      [
        ["users", "rm", "anna"],
        undefined,
        'error: no user named "anna" (did you mean "ana"?): see agente users list\n',
      ],
    ];
    for (const [args, input, stderr] of errors) {
      const result = await run(args, input);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 1, stderr });
    }
    const list = await run(["users", "list"]);
    expect(list.stdout).toMatch(
      /^ana {2}member {2}since \d{4}-\d\d-\d\d\nluis {2}admin {2}since \d{4}-\d\d-\d\d\n$/,
    );
    const json = listed.parse(JSON.parse((await run(["users", "list", "--json"])).stdout));
    expect(json.map((user) => [user.name, user.role])).toEqual([
      ["ana", "member"],
      ["luis", "admin"],
    ]);
    // Stored in conversations.db beside the memory, the password only as a scrypt hash.
    const db = new Database(join(workspace.folder, "conversations.db"), { readonly: true });
    const rows = z
      .array(z.object({ name: z.string(), password_hash: z.string() }))
      .parse(db.prepare("select name, password_hash from users order by name").all());
    db.close();
    expect(rows.map((row) => row.name)).toEqual(["ana", "luis"]);
    for (const row of rows) expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(JSON.stringify(rows)).not.toContain("secreto");

    const spanish = await workspace.agente(["users", "add", "eva", "--role", "jefa"], {
      env: { AGENTE_LANG: "es" },
    });
    expect(spanish.stderr).toBe('error: rol desconocido "jefa": usa uno de admin, member, viewer\n');
  });

  it("changes a password, creates a token shown once, lists and revokes it, and removes a person", async () => {
    expect(await run(["users", "passwd", "ana"], "nuevo-secreto-de-ana\n")).toMatchObject({
      code: 0,
      stdout: "changed the password of ana\n",
    });
    const created = await run(["tokens", "create", "ana", "--label", "portátil"]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^agt_[A-Za-z0-9_-]{43}\n$/);
    const id = /^token (tok_[0-9a-f]{12}) for ana/.exec(created.stderr)?.[1] ?? "";
    expect(id).not.toBe("");
    const list = await run(["tokens", "list", "ana"]);
    expect(list.stdout).toMatch(new RegExp(`^${id} {2}ana {2}portátil {2}since \\d{4}-\\d\\d-\\d\\d\\n$`));
    expect(list.stdout).not.toContain(created.stdout.trim());
    expect(await run(["tokens", "revoke", id])).toMatchObject({ code: 0, stdout: `revoked ${id} (ana)\n` });
    expect(await run(["tokens", "revoke", id])).toMatchObject({
      code: 1,
      stderr: `error: no token with the id "${id}": see agente tokens list\n`,
    });
    expect((await run(["tokens", "create", "ana"])).code).toBe(0);
    expect(await run(["users", "role", "ana", "viewer"])).toMatchObject({
      code: 0,
      stdout: "ana is now viewer\n",
    });
    expect((await run(["users", "list"])).stdout).toMatch(/^ana {2}viewer/m);
    expect((await run(["users", "role", "ana", "boss"])).stderr).toMatch(
      /^error: .*boss.*admin, member, viewer/,
    );
    expect(await run(["users", "rm", "ana"])).toMatchObject({
      code: 0,
      stdout: "removed ana, with their sign-ins, tokens, conversations and private documents\n",
    });
    expect(await run(["tokens", "list"])).toMatchObject({ code: 0, stdout: "no tokens\n" });
    expect((await run(["users", "list"])).stdout).not.toContain("ana");
  });
});
