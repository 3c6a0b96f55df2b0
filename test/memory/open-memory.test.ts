import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memorySettings } from "../../src/memory/open-memory.js";
import { UserError } from "../../src/util/errors.js";

describe("memorySettings", () => {
  it("reads each variable from the first source that sets it", () => {
    const settings = memorySettings(
      [
        { AGENTE_MEMORY_PATH: "/data/server.db", AGENTE_EMBEDDER: "" },
        { AGENTE_MEMORY_PATH: "/data/process.db", AGENTE_EMBEDDER: "none", OPENAI_API_KEY: "k" },
      ],
      "/work",
    );
    expect(settings).toEqual({
      url: undefined,
      path: "/data/server.db",
      embedder: { AGENTE_EMBEDDER: "none", OPENAI_API_KEY: "k" },
      roots: undefined,
    });
  });

  it("defaults the SQLite file to the per-user data folder and resolves roots against the cwd", () => {
    const settings = memorySettings([{ HOME: "/home/ana", AGENTE_MEMORY_ROOTS: "docs" }], "/work");
    expect(settings.path).toBe(join("/home/ana", ".local", "share", "agente", "memory.db"));
    expect(settings.roots).toEqual([join("/work", "docs")]);
  });

  it("refuses a memory URL that is not PostgreSQL", () => {
    expect(() => memorySettings([{ AGENTE_MEMORY_URL: "mysql://x" }], "/work")).toThrow(UserError);
  });
});
