import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type InitDependencies, registerInitCommand } from "../../../src/cli/commands/init.js";
import { communityServer } from "../../../src/config/starter-config.js";
import { UserError } from "../../../src/util/errors.js";

describe("agente init", () => {
  let folder: string;
  let printed: string[];

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-init-"));
    printed = [];
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function init(args: string[], env: NodeJS.ProcessEnv = {}, global: string[] = []): Promise<void> {
    const program = new Command("agente").option("-c, --config <file>").exitOverride();
    const dependencies: Partial<InitDependencies> = {
      cwd: () => folder,
      env,
      builtin: (name) => ({ command: process.execPath, args: [join(folder, `${name}-main.js`)] }),
      community: (name) => communityServer(name),
      print: (line) => printed.push(line),
    };
    registerInitCommand(program, dependencies);
    await program.parseAsync([...global, "init", ...args], { from: "user" });
  }

  const readConfig = async (name = "agente.json") =>
    JSON.parse(await readFile(join(folder, name), "utf8")) as {
      mcpServers: Record<string, Record<string, unknown>>;
    };

  it("writes agente.json in the current folder, filesystem on that folder, and says what it enabled", async () => {
    await init([]);
    const config = await readConfig();
    expect(Object.keys(config.mcpServers)).toEqual(["memory", "odoo", "filesystem"]);
    expect(config.mcpServers.filesystem?.args).toEqual([...communityServer("filesystem").args, folder]);
    expect(printed[0]).toBe(`wrote ${join(folder, "agente.json")}`);
    expect(printed.join("\n")).toMatch(/odoo +disabled/);
    expect(printed.join("\n")).toContain("memory-main.js does not exist yet");
  });

  it("refuses to overwrite an existing file, and overwrites it with --force", async () => {
    await writeFile(join(folder, "agente.json"), '{"mcpServers": {"mine": {"command": "x"}}}');
    const refused = await init([]).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).message).toContain("already exists");
    expect((refused as UserError).hint).toContain("--force");
    expect(await readFile(join(folder, "agente.json"), "utf8")).toContain('"mine"');

    await init(["--force"]);
    expect(Object.keys((await readConfig()).mcpServers)).toContain("memory");
  });

  it("writes where --config says", async () => {
    await init([], {}, ["--config", "equipo.json"]);
    expect(Object.keys((await readConfig("equipo.json")).mcpServers)).toContain("filesystem");
  });

  it("uses --folder, resolved from the current folder, and refuses one that does not exist", async () => {
    await mkdir(join(folder, "docs"));
    await init(["--folder", "docs"]);
    expect((await readConfig()).mcpServers.filesystem?.args).toContain(join(folder, "docs"));
    await expect(init(["--folder", "nope", "--force"])).rejects.toThrow(/is not a folder/);
  });

  it("puts --database-url in .env (private) and only ${DATABASE_URL} in the config", async () => {
    const url = "postgres://lector:s3cr3t@localhost:5432/agente_demo";
    await init(["--database-url", url]);
    const configText = await readFile(join(folder, "agente.json"), "utf8");
    expect(configText).not.toContain("s3cr3t");
    expect((await readConfig()).mcpServers.postgres?.args).toContain("${DATABASE_URL}");
    expect(await readFile(join(folder, ".env"), "utf8")).toBe(`DATABASE_URL='${url}'\n`);
    expect((await stat(join(folder, ".env"))).mode & 0o077).toBe(0);
    expect(printed.join("\n")).not.toContain("s3cr3t");
  });

  it("keeps an existing .env, appending, and refuses to replace a different DATABASE_URL there", async () => {
    await writeFile(join(folder, ".env"), "ODOO_URL=http://odoo:8069");
    await init(["--database-url", "postgres://a@h/db"]);
    expect(await readFile(join(folder, ".env"), "utf8")).toBe(
      "ODOO_URL=http://odoo:8069\nDATABASE_URL='postgres://a@h/db'\n",
    );
    // ODOO_URL from .env enables Odoo.
    expect((await readConfig()).mcpServers.odoo?.disabled).toBeUndefined();

    await expect(init(["--database-url", "postgres://b@h/db", "--force"])).rejects.toThrow(
      /already sets DATABASE_URL/,
    );
  });

  it("refuses a --database-url that is not a PostgreSQL connection string, without echoing it", async () => {
    const failure = await init(["--database-url", "mysql://root:s3cr3t@h/db"]).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as Error).message).not.toContain("s3cr3t");
  });

  it("enables PostgreSQL and Maps from the environment", async () => {
    await init([], { DATABASE_URL: "postgres://x@h/db", GOOGLE_MAPS_API_KEY: "AIza-secret" });
    const config = await readConfig();
    expect(Object.keys(config.mcpServers)).toEqual(["memory", "odoo", "filesystem", "postgres", "maps"]);
    expect(JSON.stringify(config)).not.toContain("AIza-secret");
  });

  it("--print writes nothing and prints the config", async () => {
    await init(["--print"]);
    await expect(stat(join(folder, "agente.json"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(JSON.parse(printed.join("\n")).mcpServers.memory).toBeDefined();
  });
});
