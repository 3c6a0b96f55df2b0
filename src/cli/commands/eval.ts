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
import { createEmbedder } from "../../embedders/create-embedder.js";
import { approveFixtureServers } from "../../eval/approval.js";
import { resolveServers, SHIPPED_CATALOGUES, serverNames, startEvalHub } from "../../eval/eval-hub.js";
import { buildReport, formatReport } from "../../eval/report.js";
import { type RetrievalOptions, runScenarios } from "../../eval/runner.js";
import { loadScenarios } from "../../eval/scenario.js";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { createChatModel } from "../../llm/create-chat-model.js";
import type { ModelFlags } from "../../llm/model-settings.js";
import { tokenCounterFor } from "../../llm/token-counter.js";
import { createToolRanker } from "../../retrieval/create-ranker.js";
import { resolveToolRetrievalSettings } from "../../retrieval/tool-retrieval.js";
import { withTrustedContext } from "../../runtime/context-trust.js";
import { loadAgenteConfig } from "../../runtime/open-hub.js";
import { settleModel } from "../../runtime/settle-model.js";
import { errorMessage, UserError } from "../../util/errors.js";
import { secretValues } from "../../util/secret-redaction.js";
import { commandApprover } from "../command-approval.js";
import { globalOptions, translatorFor } from "../global-options.js";
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

export function registerEvalCommand(program: Command, translate: Translator = createTranslator("en")): void {
  const command = program
    .command("eval")
    .description(
      "measure tool-use accuracy: run scenarios (JSONL) through the agent against real MCP servers",
    )
    .argument("<scenarios>", translate("cliCommands.eval.scenarios"));
  addModelOptions(command)
    .addOption(
      new Option("--tool-mode <mode>", translate("cliCommands.eval.toolMode")).choices(["json", "native"]),
    )
    .option("--max-steps <number>", translate("cliCommands.eval.maxSteps"))
    .option("--ranker <kind>", translate("cliCommands.eval.ranker"))
    .option("--tool-budget <tokens>", translate("cliCommands.eval.toolBudget"))
    .option("--max-tools <number>", translate("cliCommands.eval.maxTools"))
    .option("--filter <regex>", translate("cliCommands.eval.filter"))
    .option("--limit <number>", translate("cliCommands.eval.limit"))
    .option("--catalogues <dir>", translate("cliCommands.eval.catalogues"))
    .option("--trace <file>", translate("cliCommands.eval.trace"))
    .option("--json", translate("cliCommands.eval.json"), false)
    .option("-y, --yes", translate("cliCommands.eval.yes"))
    .addHelpText("after", translate("cliHelp.eval"))
    .action(async (scenarioPath: string, flags: EvalFlags, command: Command) => {
      const report = await runEval(scenarioPath, flags, command);
      console.log(
        flags.json ? JSON.stringify(report, null, 2) : formatReport(report, translatorFor(command)),
      );
    });
}

async function runEval(scenarioPath: string, flags: EvalFlags, command: Command) {
  const global = globalOptions(command);
  const t = translatorFor(command);
  const config = await loadAgenteConfig(global.config === undefined ? {} : { path: global.config });
  let scenarios = await loadScenarios(scenarioPath);
  if (flags.filter !== undefined) {
    const pattern = safeRegex(flags.filter, t);
    scenarios = scenarios.filter((scenario) => pattern.test(scenario.id));
  }
  if (flags.limit !== undefined) scenarios = scenarios.slice(0, parseInteger(flags.limit, "--limit", 1, t));
  if (scenarios.length === 0)
    throw new UserError(t("cliErrors.noScenario"), { hint: t("cliErrors.noScenarioHint") });

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
      : parseInteger(flags.toolBudget, "--tool-budget", 1, t);
  const maxTools =
    flags.maxTools === undefined
      ? retrievalSettings.maxTools
      : parseInteger(flags.maxTools, "--max-tools", 1, t);
  const created =
    rankerKind === "off"
      ? undefined
      : createToolRanker(rankerKind, {
          embedder: () => createEmbedder(process.env),
          onEmbedderError: (error) =>
            process.stderr.write(`${t("cliOutput.eval.rankerFallback", { error: errorMessage(error) })}\n`),
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
  const approver = approveFixtureServers(fixtureServers, commandApprover(flags.yes, t));
  // `auto` is settled (and the embedded model downloaded) only once the scenarios and servers are known good.
  const model = createChatModel(
    (await settleModel(modelSettings, { env: { ...config.env, ...process.env }, language: t.language }))
      .settings,
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
          `${t("cliOutput.eval.scenario", {
            done,
            total: scenarios.length,
            id: score.id,
            verdict: t(score.toolCorrect ? "cliOutput.eval.ok" : "cliOutput.eval.fail"),
            chosen: score.chosen,
            expected: score.expected,
          })}\n`,
        );
        if (global.verbose)
          process.stderr.write(
            `${t("cliOutput.eval.offered", {
              offered: score.offeredCount,
              total: score.toolCount,
              reasons: run.reasons
                .slice(0, 8)
                .map((reason) => `${reason.name} (${reason.why})`)
                .join("; "),
            })}\n`,
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

function safeRegex(source: string, t: Translator): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new UserError(t("cliErrors.badFilter", { error: errorMessage(error) }));
  }
}
