import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import {
  buildStarterConfig,
  COMMUNITY_PACKAGES,
  type CommunityServer,
  communityServer,
  FILESYSTEM_WRITE_TOOLS,
  type StarterConfigOptions,
} from "../../../src/config/starter-config.js";

const builtin = (name: "memory" | "odoo") => ({
  command: "/usr/bin/node",
  args: [`/opt/agente/dist/servers/${name}/main.js`],
});
const community = (name: CommunityServer) => ({
  command: "/usr/bin/node",
  args: [`/opt/agente/node_modules/${name}.js`],
});

function starter(env: Record<string, string | undefined>, extra: Partial<StarterConfigOptions> = {}) {
  return buildStarterConfig({ folder: "/home/ana/Documentos", env, builtin, community, ...extra });
}

describe("buildStarterConfig", () => {
  it("with an empty environment: memory and a read-only filesystem; Odoo present but disabled; no PostgreSQL, no Maps", () => {
    const config = starter({});
    expect(Object.keys(config.mcpServers)).toEqual(["memory", "odoo", "filesystem"]);
    expect(config.mcpServers.memory).toMatchObject({
      command: "/usr/bin/node",
      args: ["/opt/agente/dist/servers/memory/main.js"],
    });
    expect(config.mcpServers.memory?.disabled).toBeUndefined();
    expect(config.mcpServers.odoo).toMatchObject({
      disabled: true,
      args: ["/opt/agente/dist/servers/odoo/main.js"],
      env: {
        ODOO_URL: "${ODOO_URL}",
        ODOO_DB: "${ODOO_DB}",
        ODOO_USER: "${ODOO_USER}",
        ODOO_API_KEY: "${ODOO_API_KEY}",
      },
    });
    expect(config.mcpServers.filesystem).toEqual({
      "//": expect.stringContaining("read-only"),
      command: "/usr/bin/node",
      args: ["/opt/agente/node_modules/filesystem.js", "/home/ana/Documentos"],
      excludedTools: [...FILESYSTEM_WRITE_TOOLS],
    });
  });

  it("enables Odoo when ODOO_URL is set, referring to the password when that is the credential given", () => {
    const config = starter({ ODOO_URL: "http://odoo:8069", ODOO_PASSWORD: "admin", ODOO_WRITE: "false" });
    expect(config.mcpServers.odoo?.disabled).toBeUndefined();
    expect(config.mcpServers.odoo?.env).toEqual({
      ODOO_URL: "${ODOO_URL}",
      ODOO_DB: "${ODOO_DB}",
      ODOO_USER: "${ODOO_USER}",
      ODOO_PASSWORD: "${ODOO_PASSWORD}",
      ODOO_WRITE: "${ODOO_WRITE}",
    });
  });

  it("adds PostgreSQL for DATABASE_URL or --database-url, as ${DATABASE_URL}", () => {
    expect(starter({ DATABASE_URL: "postgres://lector:s3cr3t@db/demo" }).mcpServers.postgres).toMatchObject({
      args: ["/opt/agente/node_modules/postgres.js", "${DATABASE_URL}"],
    });
    expect(starter({}, { database: true }).mcpServers.postgres?.args).toEqual([
      "/opt/agente/node_modules/postgres.js",
      "${DATABASE_URL}",
    ]);
  });

  it("adds Google Maps only when GOOGLE_MAPS_API_KEY is set", () => {
    expect(starter({ GOOGLE_MAPS_API_KEY: "" }).mcpServers.maps).toBeUndefined();
    expect(starter({ GOOGLE_MAPS_API_KEY: "AIza-secret" }).mcpServers.maps).toMatchObject({
      args: ["/opt/agente/node_modules/googleMaps.js"],
      env: { GOOGLE_MAPS_API_KEY: "${GOOGLE_MAPS_API_KEY}" },
    });
  });

  it("never writes a secret value into the config", () => {
    const secrets = {
      DATABASE_URL: "postgres://lector:db-s3cr3t@db/demo",
      GOOGLE_MAPS_API_KEY: "AIza-maps-s3cr3t",
      ODOO_URL: "http://odoo:8069",
      ODOO_API_KEY: "odoo-s3cr3t",
      ODOO_PASSWORD: "odoo-password-s3cr3t",
      OPENAI_API_KEY: "sk-openai-s3cr3t",
    };
    const text = JSON.stringify(starter(secrets));
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
  });

  it("keeps the write tools when writes are asked for", () => {
    const config = starter({}, { allowFileWrites: true });
    expect(config.mcpServers.filesystem?.excludedTools).toBeUndefined();
  });

  it("passes the memory variables that are set through to the memory server", () => {
    const config = starter({
      AGENTE_MEMORY_PATH: "/data/memoria.sqlite",
      AGENTE_EMBEDDER: "ollama:nomic-embed-text",
      OLLAMA_HOST: "http://ollama:11434",
    });
    expect(config.mcpServers.memory?.env).toEqual({
      AGENTE_MEMORY_PATH: "${AGENTE_MEMORY_PATH}",
      AGENTE_EMBEDDER: "${AGENTE_EMBEDDER}",
      OLLAMA_HOST: "${OLLAMA_HOST}",
    });
  });

  it("leaves OLLAMA_HOST and OPENAI_* out of the memory server when its embedder does not use them", () => {
    const set = { OLLAMA_HOST: "http://ollama:11434", OPENAI_BASE_URL: "http://vllm:8000/v1" };
    expect(starter(set).mcpServers.memory?.env).toEqual({});
    expect(starter({ ...set, AGENTE_EMBEDDER: "none" }).mcpServers.memory?.env).toEqual({
      AGENTE_EMBEDDER: "${AGENTE_EMBEDDER}",
    });
    expect(starter({ ...set, AGENTE_EMBEDDER: "openai" }).mcpServers.memory?.env).toEqual({
      AGENTE_EMBEDDER: "${AGENTE_EMBEDDER}",
      OPENAI_BASE_URL: "${OPENAI_BASE_URL}",
    });
  });

  it("is read by agente's config loader: comments ignored, every server valid, nothing missing", async () => {
    const env = {
      DATABASE_URL: "postgres://x@db/demo",
      GOOGLE_MAPS_API_KEY: "k",
      ODOO_URL: "http://o",
      ODOO_DB: "d",
      ODOO_USER: "u",
      ODOO_API_KEY: "a",
    };
    const folder = await mkdtemp(join(tmpdir(), "agente-starter-"));
    try {
      await writeFile(join(folder, "agente.json"), JSON.stringify(starter(env), null, 2));
      const loaded = await loadConfig({ cwd: folder, env });
      expect(loaded.servers.map((server) => [server.name, server.disabled, server.missingVariables])).toEqual(
        [
          ["memory", false, []],
          ["odoo", false, []],
          ["filesystem", false, []],
          ["postgres", false, []],
          ["maps", false, []],
        ],
      );
      const postgres = loaded.servers.find((server) => server.name === "postgres");
      expect(postgres?.transport === "stdio" && postgres.args.at(-1)).toBe("postgres://x@db/demo");
      expect(loaded.settings).toEqual({});
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe("communityServer", () => {
  it.each(Object.keys(COMMUNITY_PACKAGES) as CommunityServer[])(
    "starts %s on this Node from node_modules, never npx",
    (name) => {
      const server = communityServer(name);
      expect(server.command).toBe(process.execPath);
      expect(server.args).toHaveLength(1);
      expect(server.args[0]).toContain(`node_modules/${COMMUNITY_PACKAGES[name]}/`);
      expect(server.args[0]).toMatch(/\.js$/);
    },
  );
});
