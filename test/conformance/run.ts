/**
 * The official MCP conformance suite against agente, per requirement set:
 * - client: every client scenario, the client being the real CLI (`client-driver.ts`);
 * - server-direct: every server scenario against our conformance server (`server/`), called directly;
 * - server-gateway: the same scenarios against `agente serve`'s `/mcp`, with that server as its only one.
 * Prints passed/total per target, and exits 1 when a scenario fails outside `expected-failures.yaml` or
 * a listed one passes. Run through `scripts/conformance.sh`, which installs Node 22 and the suite:
 *   tsx test/conformance/run.ts --node NODE22 --suite PACKAGE_FOLDER [--set 2025-11-25] [--target client]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type Judgement, judge, loadExpectedFailures, TARGETS, type Target } from "./expected-failures.js";
import { type Running, startAgenteServe, startConformanceServer } from "./processes.js";
import {
  listedScenarios,
  requiredScenarios,
  runClientScenario,
  runServerSet,
  type Suite,
  type Verdict,
} from "./suite.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const SETS = ["2025-11-25", "2026-07-28"];
const CLIENT_PARALLEL = 2;

const { values } = parseArgs({
  options: {
    node: { type: "string" },
    suite: { type: "string" },
    set: { type: "string", multiple: true },
    target: { type: "string", multiple: true },
    keep: { type: "boolean", default: false },
  },
});
if (values.node === undefined || values.suite === undefined) {
  console.error(
    "usage: run.ts --node NODE22 --suite PACKAGE_FOLDER [--set SET]… [--target TARGET]… [--keep]",
  );
  process.exit(2);
}
const suite: Suite = { node: values.node, packageFolder: values.suite };
const sets = values.set ?? SETS;
const isTarget = (target: string): target is Target => (TARGETS as readonly string[]).includes(target);
const targets = (values.target ?? [...TARGETS]).filter(isTarget);
const unknown = [
  ...(values.set ?? []).filter((set) => !SETS.includes(set)),
  ...(values.target ?? []).filter((target) => !isTarget(target)),
];
if (unknown.length > 0) {
  console.error(`unknown: ${unknown.join(", ")}; sets: ${SETS.join(", ")}; targets: ${TARGETS.join(", ")}`);
  process.exit(2);
}
const expected = await loadExpectedFailures(join(HERE, "expected-failures.yaml"));
const results = await mkdtemp(join(tmpdir(), "agente-conformance-"));
// `node --import tsx` (resolved from the repo root, where scripts/conformance.sh runs), not the `tsx`
// wrapper, so that the suite's kill on a timeout reaches the driver itself.
const driver = `${process.execPath} --import tsx ${join(HERE, "client-driver.ts")}`;

/** Every client scenario the suite lists for the set (scored and not scored: the check counts all). */
async function clientVerdicts(set: string): Promise<Verdict[]> {
  const queue = await listedScenarios(suite, set, "client");
  const verdicts: Verdict[] = [];
  const worker = async () => {
    for (let scenario = queue.shift(); scenario !== undefined; scenario = queue.shift()) {
      const output = join(results, set, "client", scenario.replaceAll("/", "-"));
      verdicts.push(await runClientScenario(suite, set, scenario, driver, output));
    }
  };
  await Promise.all(Array.from({ length: CLIENT_PARALLEL }, worker));
  return verdicts;
}

const started: Running[] = [];
const rows: Array<{ set: string; target: Target; judgement: Judgement }> = [];
try {
  const server = targets.some((target) => target !== "client")
    ? await startConformanceServer(join(results, "conformance-server.log"))
    : undefined;
  if (server !== undefined) started.push(server);
  const gateway =
    server !== undefined && targets.includes("server-gateway")
      ? await startAgenteServe(server.url)
      : undefined;
  if (gateway !== undefined) started.push(gateway);
  for (const set of sets) {
    for (const target of targets) {
      const began = performance.now();
      const url = target === "server-direct" ? server?.url : gateway?.url;
      const verdicts =
        target === "client"
          ? await clientVerdicts(set)
          : await runServerSet(suite, set, url ?? "", join(results, set, target));
      const judgement = judge(verdicts, expected[set]?.[target]);
      rows.push({ set, target, judgement });
      const seconds = ((performance.now() - began) / 1000).toFixed(0);
      const scored = new Set(await requiredScenarios(suite, set, target === "client" ? "client" : "server"));
      const scoredPassed = verdicts.filter(
        (verdict) => verdict.passed && scored.has(verdict.scenario),
      ).length;
      console.log(
        `${set} ${target}: ${judgement.passed}/${judgement.total} passed, scored ${scoredPassed}/${scored.size} (${seconds} s)`,
      );
    }
  }
} finally {
  for (const running of started.reverse()) await running.stop();
  if (values.keep) console.log(`results kept in ${results}`);
  else await rm(results, { recursive: true, force: true });
}

console.log("\n| requirement set | target | passed | unexpected failures | listed but passing |");
console.log("|---|---|---|---|---|");
for (const { set, target, judgement } of rows) {
  const unexpected = judgement.unexpected.map((verdict) => verdict.scenario).join(", ") || "-";
  const stale = judgement.stale.join(", ") || "-";
  console.log(`| ${set} | ${target} | ${judgement.passed}/${judgement.total} | ${unexpected} | ${stale} |`);
}
let failed = false;
for (const { set, target, judgement } of rows) {
  for (const verdict of judgement.unexpected) {
    failed = true;
    console.error(`FAIL ${set} ${target} ${verdict.scenario}: ${verdict.failedChecks.join(", ")}`);
  }
  for (const scenario of judgement.stale) {
    failed = true;
    console.error(
      `PASSES ${set} ${target} ${scenario}: remove it from test/conformance/expected-failures.yaml`,
    );
  }
  for (const scenario of judgement.unknown) {
    failed = true;
    console.error(`UNKNOWN ${set} ${target} ${scenario}: not a scored scenario of this set`);
  }
}
process.exit(failed ? 1 : 0);
