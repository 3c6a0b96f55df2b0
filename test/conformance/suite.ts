/**
 * Runs the official conformance suite (`@modelcontextprotocol/conformance`, under Node 22) and reads its
 * verdicts: one per scenario of a requirement set, from the `checks.json` it writes for each. A scenario
 * passes when none of its checks is a FAILURE, as the suite's own summary counts.
 */
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { z } from "zod";

const run = promisify(execFile);

export type Side = "client" | "server";

export interface Suite {
  /** The Node 22 binary. */
  node: string;
  /** The suite's package folder (holds `dist/index.js` and `requirements/`). */
  packageFolder: string;
}

export interface Verdict {
  scenario: string;
  passed: boolean;
  failedChecks: string[];
}

const requirementsSchema = z.looseObject({
  server: z.array(z.string()),
  client: z.array(z.string()),
  not_scored: z.array(z.looseObject({ scenario: z.string(), leg: z.string() })).optional(),
});
const checksSchema = z.array(z.looseObject({ id: z.string(), status: z.string() }));

/** The scenarios a requirement set scores for one side, as frozen in the package's `requirements/`. */
export async function requiredScenarios(suite: Suite, set: string, side: Side): Promise<string[]> {
  const text = await readFile(join(suite.packageFolder, "requirements", `${set}.yaml`), "utf8");
  return requirementsSchema.parse(parse(text))[side];
}

/**
 * Every scenario the suite runs for `set` and one side (`conformance client --requirements SET`): the
 * scored ones, then those it runs but does not score (extensions, scenarios added after the set froze).
 */
export async function listedScenarios(suite: Suite, set: string, side: Side): Promise<string[]> {
  const text = await readFile(join(suite.packageFolder, "requirements", `${set}.yaml`), "utf8");
  const requirements = requirementsSchema.parse(parse(text));
  const unscored = (requirements.not_scored ?? []).filter((entry) => entry.leg === side);
  return [...requirements[side], ...unscored.map((entry) => entry.scenario)];
}

async function invoke(suite: Suite, args: string[], timeoutMs: number): Promise<void> {
  try {
    await run(suite.node, [join(suite.packageFolder, "dist/index.js"), ...args], {
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // A failing scenario exits 1: the verdicts come from checks.json, not from the exit code. A run that
    // wrote no checks.json shows up below as a scenario without checks.
    if ((error as { killed?: boolean }).killed === true) throw new Error(`conformance ${args[0]} timed out`);
  }
}

/** The `checks.json` files under `folder`, by the scenario folder they sit in. */
async function checkFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((entry) => entry.endsWith("checks.json")).map((entry) => join(folder, entry));
}

async function verdictFrom(file: string, scenario: string): Promise<Verdict> {
  const checks = checksSchema.parse(JSON.parse(await readFile(file, "utf8")));
  const failedChecks = checks.filter((check) => check.status === "FAILURE").map((check) => check.id);
  return { scenario, passed: failedChecks.length === 0, failedChecks: [...new Set(failedChecks)] };
}

/** Every scored server scenario of `set` against `url`, in one run of the suite. */
export async function runServerSet(
  suite: Suite,
  set: string,
  url: string,
  output: string,
): Promise<Verdict[]> {
  await invoke(suite, ["server", "--url", url, "--requirements", set, "-o", output], 10 * 60_000);
  const files = await checkFiles(output);
  const verdicts: Verdict[] = [];
  for (const scenario of await requiredScenarios(suite, set, "server")) {
    const file = files.find((path) => path.includes(`/server-${scenario}-`));
    verdicts.push(
      file === undefined
        ? { scenario, passed: false, failedChecks: ["(no result written)"] }
        : await verdictFrom(file, scenario),
    );
  }
  return verdicts;
}

/**
 * One client scenario at `set`'s wire, the client being `command` (the suite appends the scenario
 * server's URL). Run one scenario at a time per call: the suite's own parallel run starts every scenario
 * at once, which on a small machine makes a CLI-driven client miss the suite's timeout.
 */
export async function runClientScenario(
  suite: Suite,
  set: string,
  scenario: string,
  command: string,
  output: string,
): Promise<Verdict> {
  // `--force`: a scenario the set runs but does not score (an extension) counts as not applicable to the
  // set's revision, and would be skipped, as `conformance client --requirements` does not.
  const args = ["client", "--scenario", scenario, "--spec-version", set, "--force", "--command", command];
  await invoke(suite, [...args, "--timeout", "60000", "-o", output], 3 * 60_000);
  const [file] = await checkFiles(output);
  if (file === undefined) return { scenario, passed: false, failedChecks: ["(no result written)"] };
  return verdictFrom(file, scenario);
}
