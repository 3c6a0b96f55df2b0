/** Download errors print in the user's language; their message (logs, `--json`) stays English. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { closedPortUrl } from "../llm/replay-server.js";
import { runCli } from "../support/run-cli.js";

let folder: string | undefined;
afterEach(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

async function both(args: string[], extra: NodeJS.ProcessEnv = {}) {
  folder = await mkdtemp(join(tmpdir(), "agente-models-lang-"));
  const home = folder;
  const env = (lang: string) => ({
    PATH: process.env.PATH ?? "",
    HOME: home,
    XDG_CACHE_HOME: join(home, "cache"),
    LANG: lang,
    ...extra,
  });
  const spanish = await runCli(args, { cwd: home, env: env("es_ES.UTF-8") });
  const english = await runCli(args, { cwd: home, env: env("en_US.UTF-8") });
  return { spanish, english, models: join(home, "cache", "agente", "models") };
}

describe("model download errors in the user's language", () => {
  it("offline: the GGUF's server does not answer", async () => {
    const url = `${await closedPortUrl()}/m/tiny.gguf`;
    const { spanish, english } = await both(["models", "pull"], { AGENTE_GGUF_URL: url });
    expect(spanish.code).toBe(1);
    expect(spanish.stderr).toContain(`error: no se puede descargar tiny.gguf: ${url} no responde (`);
    expect(spanish.stderr).toContain("  conéctate a la red y vuelve a ejecutarlo");
    expect(english.code).toBe(1);
    expect(english.stderr).toContain(`error: cannot download tiny.gguf: ${url} is not reachable (`);
    expect(english.stderr).toContain("  connect to the network and run again");
    // `models pull` failed: running `agente models pull` again is no way out.
    expect(spanish.stderr + english.stderr).not.toContain("models pull");
  });

  it("removing a model that is not cached", async () => {
    const { spanish, english, models } = await both(["models", "rm", "nada.gguf"]);
    expect(spanish.stderr).toBe(
      `error: no hay ningún modelo llamado nada.gguf en ${models}\n  \`agente models list\` muestra los modelos guardados\n`,
    );
    expect(english.stderr).toBe(
      `error: no cached model named nada.gguf in ${models}\n  \`agente models list\` shows the cached models\n`,
    );
  });
});
