/** Config entries that start the fixture MCP server (test/fixtures/servers) as a real child process. */
import { fileURLToPath } from "node:url";
import { vi } from "vitest";
import { parseServerEntry, type ServerConfig } from "../../src/config/server-config.js";

export const STDIO_FIXTURE = fileURLToPath(new URL("../fixtures/servers/stdio-server.ts", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A raw `mcpServers` entry, as a user would write it. */
export function fixtureEntry(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { env, ...rest } = extra as { env?: Record<string, string> };
  return {
    command: process.execPath,
    args: ["--import", "tsx", STDIO_FIXTURE],
    env: { FIXTURE_NAME: name, ...env },
    cwd: REPO_ROOT,
    ...rest,
  };
}

export function fixtureConfig(name: string, extra: Record<string, unknown> = {}): ServerConfig {
  const parsed = parseServerEntry(name, fixtureEntry(name, extra));
  if (!parsed.ok) throw new Error(`bad fixture entry: ${parsed.field} ${parsed.problem}`);
  return parsed.config;
}

export function textOf(result: { content: Array<{ type: string; text?: string }> }): string {
  return result.content.map((part) => part.text ?? "").join("\n");
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await check())) throw new Error("condition not met in time");
    },
    { timeout: timeoutMs, interval: 50 },
  );
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
