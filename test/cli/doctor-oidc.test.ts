/**
 * `agente doctor` with an `oidc` section: one line that says whether the issuer's discovery document
 * answers (a real provider on loopback, then a closed port), a wrong role named as a finding, and the
 * client secret (given as `${VAR}`) nowhere in the output.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedOllama, startScriptedOllama } from "../../src/testing/scripted-ollama.js";
import { type IdentityProvider, startIdentityProvider } from "../fixtures/oidc/identity-provider.js";
import { runCli } from "../support/run-cli.js";

const SECRET = "doctor-oidc-secret-5521-x";

describe("agente doctor checks the single sign-on issuer", { timeout: 60_000 }, () => {
  let idp: IdentityProvider;
  let ollama: ScriptedOllama;
  beforeAll(async () => {
    idp = await startIdentityProvider([]);
    idp.registerClient({ clientId: "agente", clientSecret: SECRET, redirectUri: "http://127.0.0.1:1/cb" });
    ollama = await startScriptedOllama([]);
  });
  afterAll(async () => {
    await idp?.close();
    await ollama?.close();
  });

  async function doctor(oidc: Record<string, unknown>) {
    const cwd = await mkdtemp(join(tmpdir(), "agente-doctor-oidc-"));
    await writeFile(join(cwd, "agente.json"), JSON.stringify({ mcpServers: {}, oidc }));
    return runCli(["doctor"], {
      cwd,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: "/nonexistent-home",
        OLLAMA_HOST: ollama.url,
        LANG: "C",
        OIDC_SECRET: SECRET,
      },
    });
  }

  const section = (issuer: string) => ({
    issuer,
    clientId: "agente",
    clientSecret: "${OIDC_SECRET}",
    roles: { staff: "member" },
  });

  it("a provider that answers: an ok line", async () => {
    const run = await doctor(section(idp.issuer));
    expect(run.stdout).toMatch(new RegExp(`^ok +single sign-on: ${idp.issuer}/ answers$`, "m"));
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it("one that cannot be reached: a FIX line naming the issuer, exit 1", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = await doctor(section(`http://127.0.0.1:${port}`));
    expect(run.stdout).toMatch(
      new RegExp(
        `^FIX +single sign-on: the issuer http://127\\.0\\.0\\.1:${port}/ cannot be reached \\(.+\\): check oidc\\.issuer in agente\\.json and the network$`,
        "m",
      ),
    );
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it("a role the access section does not have: a FIX line that names it", async () => {
    const run = await doctor({ ...section(idp.issuer), roles: { staff: "boss" } });
    expect(run.stdout).toMatch(/^FIX +oidc\.roles\.staff names the role "boss", which the access section/m);
    expect(run.code).toBe(1);
  });
});
