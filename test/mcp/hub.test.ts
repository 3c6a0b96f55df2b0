import { afterEach, describe, expect, it } from "vitest";
import { parseServerEntry } from "../../src/config/server-config.js";
import { ServerUnavailableError, ToolCallTimeoutError, UnknownToolError } from "../../src/mcp/errors.js";
import { McpHub } from "../../src/mcp/hub.js";
import { SystemError } from "../../src/util/errors.js";
import { fixtureConfig, isAlive, textOf, waitFor } from "../support/fixture-servers.js";

let hub: McpHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

function brokenConfig(name: string) {
  const parsed = parseServerEntry(name, {
    command: process.execPath,
    args: ["-e", "console.error('Error: ACME_TOKEN is not set'); process.exit(3)"],
  });
  if (!parsed.ok) throw new Error("bad entry");
  return parsed.config;
}

describe("McpHub over real stdio servers", () => {
  it("connects servers in parallel, skips a broken one with its reason, and routes calls", async () => {
    hub = await McpHub.start([
      fixtureConfig("alpha"),
      brokenConfig("broken"),
      fixtureConfig("beta", { allowedTools: ["add"] }),
    ]);
    const statuses = Object.fromEntries(hub.statuses().map((status) => [status.name, status]));
    expect(statuses.alpha?.state).toBe("up");
    expect(statuses.beta?.state).toBe("up");
    expect(statuses.broken?.state).toBe("down");
    expect(statuses.broken?.reason).toContain("ACME_TOKEN is not set");
    expect(statuses.broken?.reason).toContain("exit code 3");
    // beta only offers `add` (allowedTools), alpha offers it too: both get prefixed, echo does not.
    const names = hub.tools().map((tool) => tool.name);
    expect(names).toContain("echo");
    expect(names).toContain("alpha__add");
    expect(names).toContain("beta__add");
    expect(names).not.toContain("add");
    expect(textOf(await hub.callTool("echo", { text: "hola" }))).toBe("alpha: hola");
    const sum = await hub.callTool("beta__add", { a: 2, b: 3 });
    expect(sum.structuredContent).toEqual({ sum: 5 });
  });

  it("keeps annotations, isError and structured content as the server sent them", async () => {
    hub = await McpHub.start([fixtureConfig("alpha", { requireApproval: true })]);
    const destructive = hub.tools().find((tool) => tool.name === "delete_everything");
    expect(destructive?.annotations.destructiveHint).toBe(true);
    expect(destructive?.serverRequiresApproval).toBe(true);
    expect(hub.tools().find((tool) => tool.name === "echo")?.annotations.readOnlyHint).toBe(true);
    const failed = await hub.callTool("fail", { why: "no stock" });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toBe("failed: no stock");
  });

  it("turns invalid arguments into a tool error the model can read, not an exception", async () => {
    hub = await McpHub.start([fixtureConfig("alpha")]);
    const result = await hub.callTool("add", { a: "two" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/invalid/i);
  });

  it("refuses an unknown tool with close matches and calls nothing", async () => {
    hub = await McpHub.start([fixtureConfig("alpha")]);
    const error = await hub.callTool("echoo", { text: "x" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnknownToolError);
    expect((error as UnknownToolError).closeMatches).toContain("echo");
    expect((error as Error).message).toContain('did you mean "echo"');
  });

  it("survives kill -9 of a server, restarts it, and the next call works", async () => {
    hub = await McpHub.start([fixtureConfig("alpha")], { restartDelayMs: 100 });
    const pid = Number(textOf(await hub.callTool("pid", {})));
    process.kill(pid, "SIGKILL");
    await waitFor(() => hub?.statuses()[0]?.state !== "up");
    expect(hub.statuses()[0]?.reason ?? "").toContain("SIGKILL");
    // The call waits for the restart rather than failing.
    const newPid = Number(textOf(await hub.callTool("pid", {})));
    expect(newPid).not.toBe(pid);
    expect(isAlive(pid)).toBe(false);
    expect(hub.statuses()[0]?.restarts).toBe(1);
    expect(hub.tools().map((tool) => tool.name)).toContain("echo");
  });

  it("fails a call in flight when its server crashes, without re-sending it, then recovers", async () => {
    hub = await McpHub.start([fixtureConfig("alpha")], { restartDelayMs: 100 });
    const error = await hub.callTool("crash", {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerUnavailableError);
    expect((error as Error).message).toContain("not repeated");
    expect(textOf(await hub.callTool("echo", { text: "back" }))).toBe("alpha: back");
  });

  it("times out a hung call, and progress notifications keep a slow one alive", async () => {
    hub = await McpHub.start([fixtureConfig("alpha", { timeoutMs: 400 })]);
    await expect(hub.callTool("hang", {})).rejects.toBeInstanceOf(ToolCallTimeoutError);
    // 1.2 s of work with progress every 100 ms outlives a 400 ms timeout…
    expect(textOf(await hub.callTool("sleep", { ms: 1200, every: 100 }))).toBe("slept 1200 ms");
    // …and the same work without progress does not.
    await expect(hub.callTool("sleep", { ms: 1200 })).rejects.toBeInstanceOf(ToolCallTimeoutError);
    // The server is still usable after timeouts.
    expect(textOf(await hub.callTool("echo", { text: "ok" }))).toBe("alpha: ok");
  });

  it("refreshes the routing table when a server's tool list changes", async () => {
    hub = await McpHub.start([fixtureConfig("alpha")]);
    expect(hub.tools().some((tool) => tool.name === "extra_1")).toBe(false);
    await hub.callTool("grow", {});
    await waitFor(() => hub?.tools().some((tool) => tool.name === "extra_1") ?? false);
    expect(textOf(await hub.callTool("extra_1", {}))).toBe("extra_1");
  });

  it("merges a server's env over the safe defaults, keeping PATH and HOME", async () => {
    process.env.SECRET_OF_HOST = "do-not-leak";
    hub = await McpHub.start([fixtureConfig("alpha", { env: { ACME_REGION: "lima" } })]);
    delete process.env.SECRET_OF_HOST;
    const seen = JSON.parse(
      textOf(await hub.callTool("env", { names: ["PATH", "HOME", "ACME_REGION", "SECRET_OF_HOST"] })),
    );
    expect(seen.PATH).toBe(process.env.PATH);
    expect(seen.HOME).toBe(process.env.HOME);
    expect(seen.ACME_REGION).toBe("lima");
    // Variables of the host that are not in the safe list are not leaked to servers.
    expect(seen.SECRET_OF_HOST).toBeNull();
  });

  it("lists and reads resources and prompts through the hub", async () => {
    hub = await McpHub.start([fixtureConfig("alpha"), fixtureConfig("beta")]);
    const resources = await hub.listResources();
    expect(resources.map((resource) => `${resource.server} ${resource.uri}`).sort()).toEqual([
      "alpha fixture://alpha/readme",
      "beta fixture://beta/readme",
    ]);
    const read = await hub.readResource("beta", "fixture://beta/readme");
    expect(read.contents[0]).toMatchObject({ text: "readme of beta" });
    const prompts = await hub.listPrompts();
    expect(prompts.map((prompt) => prompt.name).sort()).toEqual(["alpha__greet", "beta__greet"]);
    const prompt = await hub.getPrompt("beta__greet", { who: "Ana" });
    expect(prompt.messages[0]?.content).toMatchObject({ text: "hola Ana from beta" });
  });

  it("reports a disabled server, a missing variable and a missing command without starting them", async () => {
    const missing = parseServerEntry("maps", { command: "node", args: [], env: {} }, ["GOOGLE_MAPS_API_KEY"]);
    const absent = parseServerEntry("ghost", { command: "agente-no-such-command-xyz" });
    if (!missing.ok || !absent.ok) throw new Error("bad entries");
    hub = await McpHub.start([fixtureConfig("off", { disabled: true }), missing.config, absent.config]);
    const [off, maps, ghost] = hub.statuses();
    expect(off).toMatchObject({ state: "disabled", reason: "disabled in the config" });
    expect(maps?.state).toBe("down");
    expect(maps?.reason).toContain("needs GOOGLE_MAPS_API_KEY");
    expect(ghost?.state).toBe("down");
    expect(ghost?.reason).toContain("command not found: agente-no-such-command-xyz");
    expect(hub.tools()).toEqual([]);
  });

  it("gives up on a server that never answers initialize, with the connect timeout as reason", async () => {
    const parsed = parseServerEntry("mute", {
      command: process.execPath,
      args: ["-e", "setInterval(() => {}, 1000)"],
      connectTimeoutMs: 300,
    });
    if (!parsed.ok) throw new Error("bad entry");
    hub = await McpHub.start([parsed.config]);
    expect(hub.statuses()[0]).toMatchObject({ state: "down", reason: "did not start within 300 ms" });
  });

  it("names the server and the field of a malformed tool result", async () => {
    // A bare stdio server that answers tools/call with `content` as a string instead of a list.
    const script = `
      const send = (message) => process.stdout.write(JSON.stringify(message) + "\\n");
      require("node:readline").createInterface({ input: process.stdin }).on("line", (line) => {
        const message = JSON.parse(line);
        if (message.method === "initialize")
          send({ jsonrpc: "2.0", id: message.id, result: { protocolVersion: message.params.protocolVersion,
            capabilities: { tools: {} }, serverInfo: { name: "odd", version: "1" } } });
        else if (message.method === "tools/list")
          send({ jsonrpc: "2.0", id: message.id, result: { tools: [{ name: "odd_tool", inputSchema: { type: "object" } }] } });
        else if (message.method === "tools/call")
          send({ jsonrpc: "2.0", id: message.id, result: { content: "not a list" } });
      });`;
    const parsed = parseServerEntry("odd", { command: process.execPath, args: ["-e", script] });
    if (!parsed.ok) throw new Error("bad entry");
    hub = await McpHub.start([parsed.config]);
    const error = await hub.callTool("odd_tool", {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SystemError);
    expect((error as SystemError).message).toBe(
      'the result of odd_tool from MCP server "odd" was not what agente expects: content: expected array, received string',
    );
  });

  it("ends every child on close", async () => {
    hub = await McpHub.start([fixtureConfig("alpha"), fixtureConfig("beta")]);
    const pids = hub.statuses().map((status) => status.pid ?? 0);
    expect(pids.every((pid) => pid > 0 && isAlive(pid))).toBe(true);
    await hub.close();
    await waitFor(() => pids.every((pid) => !isAlive(pid)), 5_000);
  });
});
