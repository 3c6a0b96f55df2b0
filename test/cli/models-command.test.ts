/** `agente models list|pull|rm` through the real CLI, against a loopback file server and a temporary cache. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TINY_GGUF } from "../support/fixture-files.js";
import { type ModelFileServer, startModelFileServer } from "../support/model-file-server.js";
import { runCli } from "../support/run-cli.js";

let folder: string | undefined;
let server: ModelFileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

describe("agente models", () => {
  it("pulls the configured GGUF once, lists it as the default, and removes it", async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-models-cli-"));
    server = await startModelFileServer({ file: TINY_GGUF, path: "/m/tiny.gguf" });
    const env = {
      ...process.env,
      HOME: folder,
      XDG_CACHE_HOME: join(folder, "cache"),
      AGENTE_GGUF_URL: server.url,
      AGENTE_LANG: "en",
    };
    const models = join(folder, "cache", "agente", "models");
    const cli = (...args: string[]) => runCli(["models", ...args], { cwd: folder, env });

    expect((await cli("list")).stdout).toBe(
      `no models in ${models} (the embedded model is downloaded on first use, or with \`agente models pull\`)\n`,
    );
    const pulled = await cli("pull");
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toBe(`${join(models, "tiny.gguf")}\n`);
    expect(pulled.stderr).toContain("tiny.gguf: 100% (1.8 MB of 1.8 MB");
    const again = await cli("pull");
    expect(again.stdout).toBe(`tiny.gguf is already in ${models}\n`);
    expect(server.downloads()).toBe(1);

    expect((await cli("list")).stdout).toBe(`models in ${models}:\n  tiny.gguf  1.8 MB  (default)\n`);
    const listed = JSON.parse((await cli("list", "--json")).stdout) as { models: unknown[] };
    expect(listed.models).toEqual([
      {
        name: "tiny.gguf",
        path: join(models, "tiny.gguf"),
        sizeBytes: 1_750_560,
        partial: false,
        default: true,
      },
    ]);

    expect((await cli("rm", "tiny")).stdout).toBe("removed tiny\n");
    const missing = await cli("rm", "tiny.gguf");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`no cached model named tiny.gguf in ${models}`);
  }, 120_000);
});
