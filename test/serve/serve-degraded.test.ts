/**
 * `agente serve` as a real process when something is missing: with no model at all it starts, `/health`
 * says `degraded`, the page, the document list and `/mcp` answer, and a question gets the one line on
 * what is missing; with a conversation store on a read-only filesystem it says so at start and on
 * `/health`, and never runs a turn (the model is never called) whose answer it could not store.
 */
import { spawnSync } from "node:child_process";
import { chmod, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { SqliteConversationStore } from "../../src/serve/sqlite-conversation-store.js";
import { answer, startScriptedOllama } from "../../src/testing/scripted-ollama.js";
import { createWorkspace, SLOW_TEST_MS, type Workspace } from "../e2e/support/workspace.js";
import { fixtureEntry, REPO_ROOT } from "../support/fixture-servers.js";
import { type ServeProcess, startServeProcess, waitForHealth } from "./support/serve-process.js";

let cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function workspaceWithServer(env: Record<string, string>): Promise<Workspace> {
  const workspace = await createWorkspace({ AGENTE_EMBEDDER: "none", AGENTE_LANG: "en", ...env });
  cleanups.push(() => workspace.remove());
  await workspace.writeConfig({ mcpServers: { uno: fixtureEntry("uno") } });
  return workspace;
}

async function serve(workspace: Workspace, wrapper?: string[]): Promise<ServeProcess> {
  const process = await startServeProcess({
    cwd: workspace.folder,
    env: workspace.env,
    ...(wrapper === undefined ? {} : { wrapper }),
  });
  cleanups.push(() => process.stop());
  return process;
}

/** The `data:` events of a turn's stream. */
async function turn(
  url: string,
  sessionId: string,
  message: string,
): Promise<Array<Record<string, unknown>>> {
  const response = await fetch(`${url}/api/sessions/${sessionId}/turns`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message }),
  });
  const body = await response.text();
  return body
    .split("\n\n")
    .filter((block) => block.startsWith("data: ") && block !== "data: [DONE]")
    .map((block) => JSON.parse(block.slice(6)));
}

/** Whether this machine lets a test mount a folder read-only in a namespace of its own (root on Linux). */
const canMountReadOnly =
  spawnSync("unshare", ["-m", "sh", "-c", "mount --bind -o ro /tmp /tmp"], { stdio: "ignore" }).status === 0;
/** Whether a test may run agente as the unprivileged `nobody` (so a read-only file is read-only to it). */
/**
 * Root, with `setpriv`, and a clone nobody can read (a clone inside a 0700 folder, such as `mktemp -d`'s,
 * cannot be run as nobody at all).
 */
const canDropToNobody =
  process.getuid?.() === 0 &&
  spawnSync(
    "setpriv",
    ["--reuid=65534", "--regid=65534", "--clear-groups", "test", "-r", join(REPO_ROOT, "dist/cli/main.js")],
    { stdio: "ignore" },
  ).status === 0;

async function postJson(url: string): Promise<Response> {
  return fetch(url, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
}

describe("agente serve when something is missing", { timeout: SLOW_TEST_MS }, () => {
  it("starts without a model: /health is degraded, the page, documents and /mcp work, a question says what is missing", async () => {
    const workspace = await workspaceWithServer({ OLLAMA_HOST: "http://127.0.0.1:9" });
    const server = await serve(workspace);
    const health = await waitForHealth(server.url, server.stderr);
    expect(health).toMatchObject({
      status: "degraded",
      model: { provider: "none", state: "missing" },
      servers: [{ name: "uno", state: "up" }],
      storeWritable: true,
    });
    expect(server.stderr()).toMatch(/^! no model to run: .*/m);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/api/documents`)).json()).toEqual({
      documents: [],
      publish: true,
    });
    const mcp = await fetch(`${server.url}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
      }),
    });
    expect(mcp.status).toBe(200);
    const session = z
      .object({ id: z.string() })
      .parse(await (await postJson(`${server.url}/api/sessions`)).json());
    const events = await turn(server.url, session.id, "hola");
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe("error");
    expect(String(events[0]?.message)).toMatch(/^no model to run: .*agente models pull/);
    expect(String(events[0]?.message)).not.toContain("\n");
  });

  it.skipIf(!canDropToNobody)(
    "with a read-only conversation store: says so at start and on /health, and never runs a turn it cannot store (issue 20)",
    async () => {
      const model = await startScriptedOllama(() => answer("no debería llamarse"));
      cleanups.push(() => model.close());
      const workspace = await workspaceWithServer({ OLLAMA_HOST: model.url });
      const path = join(workspace.folder, "conversations.db");
      const store = new SqliteConversationStore({ path });
      const session = await store.createSession("antes");
      await store.close();
      // agente runs as nobody: its workspace is open to it, the conversation file is read-only.
      await chmod(workspace.folder, 0o777);
      await chmod(path, 0o444);
      workspace.env.AGENTE_CONVERSATIONS_PATH = path;
      const server = await serve(workspace, [
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "--",
      ]);
      const health = await waitForHealth(server.url, server.stderr);
      expect(health).toMatchObject({ status: "degraded", storeWritable: false, model: { state: "ready" } });
      expect(server.stderr()).toContain(`! the conversation store ${path} cannot be written`);
      const events = await turn(server.url, session.id, "hola");
      expect(events).toEqual([
        {
          type: "error",
          message: expect.stringMatching(
            /^the conversation store .* cannot be written .*: give agente write access/,
          ),
        },
      ]);
      expect(model.chats()).toEqual([]);
      expect((await postJson(`${server.url}/api/sessions`)).status).toBe(503);
    },
  );

  it.skipIf(!canMountReadOnly)(
    "with the store on a read-only filesystem: refuses to start with one line naming the file and the way out",
    async () => {
      const workspace = await workspaceWithServer({ OLLAMA_HOST: "http://127.0.0.1:9" });
      const folder = join(workspace.folder, "solo-lectura");
      await mkdir(folder);
      const path = join(folder, "conversations.db");
      await new SqliteConversationStore({ path }).close();
      workspace.env.AGENTE_CONVERSATIONS_PATH = path;
      const server = await serve(workspace, [
        "unshare",
        "-m",
        "sh",
        "-c",
        'mount --bind -o ro "$0" "$0" && exec "$@"',
        folder,
      ]);
      await expect
        .poll(() => server.stderr(), { timeout: 30_000 })
        .toContain(`error: cannot open the conversation store ${path}`);
      expect(await server.stop()).not.toBe(0);
      expect(server.stderr()).toContain("give agente write access to the file and its folder");
      expect(server.stderr()).not.toContain("bug in agente");
    },
  );
});
