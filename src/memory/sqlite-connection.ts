/**
 * The SQLite store's connection (better-sqlite3) and its prepared statements. sqlite-vec is loaded only
 * when an upgrade of an old file needs it (`loadSqliteVec`): the store's own search does not use it.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import * as sqliteVec from "sqlite-vec";
import { localised } from "../i18n/localised.js";
import { SystemError } from "../util/errors.js";

/** What the parts of the SQLite store share: one connection, and statements prepared once each. */
export interface SqliteConnection {
  readonly database: Database.Database;
  /** The statement for `sql`, prepared on first use: preparing costs more than running most of ours. */
  prepare(sql: string): Database.Statement;
}

/** Opens (creating its folder) the file at `path`, or `:memory:`. */
export function openSqlite(path: string): SqliteConnection {
  let database: Database.Database;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    database = new Database(path);
  } catch (error) {
    throw new SystemError(localised("errorsMemory.cannotOpenSqlite", { path }), {
      cause: error,
      hint: localised("errorsMemory.cannotOpenSqliteHint"),
    });
  }
  const statements = new Map<string, Database.Statement>();
  return {
    database,
    prepare(sql: string): Database.Statement {
      let statement = statements.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Loads the sqlite-vec extension into `database`: files of schema 3 or older have `vec0` tables to drop. */
export function loadSqliteVec(database: Database.Database): void {
  try {
    sqliteVec.load(database);
  } catch (error) {
    throw new SystemError("cannot load sqlite-vec to upgrade an old memory database", {
      cause: error,
      hint: "reinstall agente (its sqlite-vec package is missing for this platform)",
    });
  }
}
