/**
 * `agente eval SCENARIOS.jsonl`: runs every scenario through the real agent loop against real MCP servers
 * (the shipped fixture servers, or configured ones) and reports tool-choice accuracy, argument accuracy,
 * schema-valid step rate, steps, loop-guard hits, latency and tokens, as a table or as JSON.
 */
import { appendFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type Command, Option } from "commander";
import { resolveAgentSettings } from "../../agent/agent-settings.js";
import { traceToFile } from "../../agent/trace-file.js";
import { approveFixtureServers } from "../../eval/approval.js";
import { resolveServers, SHIPPED_CATALOGUES, serverNames, startEvalHub } from "../../eval/eval-hub.js";
import { buildReport, formatReport } from "../../eval/report.js";
import { type RetrievalOptions, runScenarios } from "../../eval/runner.js";
import { loadScenarios } from "../../eval/scenario.js";
import { resolveLanguage } from "../../i18n/language.js";
import { createTranslator } from "../../i18n/translator.js";
import { createChatModel } from "../../llm/create-chat-model.js";
import type { ModelFlags } from "../../llm/model-settings.js";
import { tokenCounterFor } from "../../llm/token-counter.js";
import { createEmbedder } from "../../memory/embedders/create-embedder.js";
import { createToolRanker } from "../../retrieval/create-ranker.js";
import { resolveToolRetrievalSettings } from "../../retrieval/tool-retrieval.js";
import { withTrustedContext } from "../../runtime/context-trust.js";
import { loadAgenteConfig } from "../../runtime/open-hub.js";
import { settleModel } from "../../runtime/settle-model.js";
import { errorMessage, UserError } from "../../util/errors.js";
import { secretValues } from "../../util/secret-redaction.js";
import { commandApprover } from "../command-approval.js";
import { globalOptions } from "../global-options.js";
import { parseInteger } from "../integer-option.js";
import { addModelOptions, resolveModelFromFlags } from "../model-options.js";

interface EvalFlags extends ModelFlags {
  maxSteps?: string;
  toolMode?: string;
  ranker?: string;
  toolBudget?: string;
  maxTools?: string;
  filter?: string;
  limit?: string;
  catalogues?: string;
  trace?: string;
  json: boolean;
  yes?: boolean;
}

export function registerEvalCommand(program: Command): void {
  const command = program
    .command("eval")
    .description(
      "measure tool-use accuracy: run scenarios (JSONL) through the agent against real MCP servers",
    )
    .argument("<scenarios>", "scenario file, one JSON object per line (see docs/eval.md)");
  addModelOptions(command)
    .addOption(new Option("--tool-mode <mode>", "json (default) | native").choices(["json", "native"]))
    .option("--max-steps <number>", "step limit per turn (default 6)")
    .option(
      "--ranker <kind>",
      "tool retrieval: lexical | hybrid | embedding | off (default: toolRetrieval.ranker, else lexical)",
    )
    .option(
      "--tool-budget <tokens>",
      "tokens the tool list may take (default: 40% of the context size, 2,048 if unset)",
    )
    .option("--max-tools <number>", "most tools offered per turn")
    .option("--filter <regex>", "only scenarios whose id matches")
    .option("--limit <number>", "only the first N scenarios (after --filter)")
    .option(
      "--catalogues <dir>",
      "directory of fixture tool catalogues (default: ../servers beside the file, then agente's)",
    )
    .option("--trace <file>", "append every agent event of every scenario to this JSONL file")
    .option("--json", "print the report as JSON", false)
    .option("-y, --yes", "approve calls to configured servers' tools that need approval without asking")
    .addHelpText(
      "after",
      `
Examples:
  agente eval eval/scenarios/seed-domain.jsonl                       (Ollama, llama3.2:1b)
  agente eval eval/scenarios/seed-domain.jsonl -m llama3.2:3b --json > 3b.json
  agente eval eval/scenarios/held-out.jsonl --filter '^h60-es' --ranker hybrid
  agente eval eval/scenarios/seed-domain.jsonl --provider llama-cpp --gguf model.gguf

Progress goes to stderr, the report to stdout. See docs/eval.md.`,
    )
    .action(async (scenarioPath: string, flags: EvalFlags, command: Command) => {
      const report = await runEval(scenarioPath, flags, command);
      console.log(flags.json ? JSON.stringify(report, null, 2) : formatReport(report));
    });
}

async function runEval(scenarioPath: string, flags: EvalFlags, command: Command) {
  const global = globalOptions(command);
  const config = await loadAgenteConfig(global.config === undefined ? {} : { path: global.config });
  let scenarios = await loadScenarios(scenarioPath);
  if (flags.filter !== undefined) {
    const pattern = safeRegex(flags.filter);
    scenarios = scenarios.filter((scenario) => pattern.test(scenario.id));
  }
  if (flags.limit !== undefined) scenarios = scenarios.slice(0, parseInteger(flags.limit, "--limit", 1));
  if (scenarios.length === 0)
    throw new UserError("no scenario left to run", { hint: "check --filter and --limit" });

  const modelSettings = resolveModelFromFlags(flags, config);
  const agentSettings = resolveAgentSettings({
    flags: {
      ...(flags.maxSteps === undefined ? {} : { maxSteps: flags.maxSteps }),
      ...(flags.toolMode === undefined ? {} : { toolMode: flags.toolMode }),
    },
    config: config.settings.agent,
    model: modelSettings,
  });
  const catalogueDirectories = [
    ...(flags.catalogues === undefined ? [] : [resolve(flags.catalogues)]),
    join(dirname(resolve(scenarioPath)), "..", "servers"),
    SHIPPED_CATALOGUES,
  ].filter((directory, index, all) => existsSync(directory) && all.indexOf(directory) === index);
  const servers = await resolveServers(serverNames(scenarios), {
    catalogueDirectories,
    configured: config.servers,
  });

  const retrievalSettings = resolveToolRetrievalSettings({
    config: config.settings.toolRetrieval,
    contextSize: modelSettings.contextSize,
  });
  const rankerKind = flags.ranker === "none" ? "off" : (flags.ranker ?? retrievalSettings.ranker);
  const budget =
    flags.toolBudget === undefined
      ? retrievalSettings.budgetTokens
      : parseInteger(flags.toolBudget, "--tool-budget", 1);
  const maxTools =
    flags.maxTools === undefined
      ? retrievalSettings.maxTools
      : parseInteger(flags.maxTools, "--max-tools", 1);
  const created =
    rankerKind === "off"
      ? undefined
      : createToolRanker(rankerKind, {
          embedder: () => createEmbedder(process.env),
          onEmbedderError: (error) =>
            process.stderr.write(`warning: tool ranking fell back to BM25: ${errorMessage(error)}\n`),
        });
  const retrieval: RetrievalOptions | undefined =
    created === undefined
      ? undefined
      : {
          ranker: created.ranker,
          counter: await tokenCounterFor(modelSettings.model),
          budgetTokens: budget,
          ...(maxTools === undefined ? {} : { maxTools }),
        };

  // Fixture catalogues only pretend; a configured server acts on real data and follows the approval rule.
  const fixtureServers = new Set(
    servers.filter((server) => !config.servers.includes(server)).map((server) => server.name),
  );
  const approver = approveFixtureServers(
    fixtureServers,
    commandApprover(flags.yes, createTranslator(resolveLanguage())),
  );
  // `auto` is settled (and the embedded model downloaded) only once the scenarios and servers are known good.
  const model = createChatModel(
    (await settleModel(modelSettings, { env: { ...config.env, ...process.env } })).settings,
  );
  const hub = await startEvalHub(servers, {
    secrets: secretValues(config.env),
    ...(global.verbose
      ? { onStderrLine: (server: string, line: string) => process.stderr.write(`[${server}] ${line}\n`) }
      : {}),
  });
  const trace = flags.trace === undefined ? undefined : traceToFile({ path: flags.trace });
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once("SIGINT", stop);
  try {
    let done = 0;
    const runs = await runScenarios({
      scenarios,
      model,
      hub,
      settings: withTrustedContext(agentSettings, config.servers, [...fixtureServers]),
      approver,
      ...(retrieval === undefined ? {} : { retrieval }),
      signal: abort.signal,
      onScenario: (run) => {
        done += 1;
        if (flags.trace !== undefined) {
          // Which tools the scenario was offered and why, then the turn's own events.
          const header = { type: "eval_scenario", id: run.score.id, offered: run.reasons };
          appendFileSync(flags.trace, `${JSON.stringify({ time: new Date().toISOString(), ...header })}\n`);
        }
        if (trace !== undefined) for (const event of run.events) trace(event);
        const { score } = run;
        process.stderr.write(
          `[${done}/${scenarios.length}] ${score.id} ${score.toolCorrect ? "ok  " : "FAIL"} chose ${score.chosen} (expected ${score.expected})\n`,
        );
        if (global.verbose)
          process.stderr.write(
            `  offered ${score.offeredCount}/${score.toolCount}: ${run.reasons
              .slice(0, 8)
              .map((reason) => `${reason.name} (${reason.why})`)
              .join("; ")}\n`,
          );
      },
    });
    return buildReport({
      provider: model.provider,
      model: model.model,
      ranker: retrieval?.ranker.name ?? "none",
      toolBudgetTokens: retrieval?.budgetTokens,
      scores: runs.map((run) => run.score),
    });
  } finally {
    process.off("SIGINT", stop);
    await hub.close();
    await model.close();
    await created?.close();
  }
}

function safeRegex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new UserError(`--filter is not a valid regular expression: ${errorMessage(error)}`);
  }
}
