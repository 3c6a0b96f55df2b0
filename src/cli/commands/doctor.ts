/**
 * `agente doctor`: checks the model provider (reachable, model present, context size), every configured
 * server and the memory tools, and prints what to fix. Exit code 1 when something needs fixing.
 */
import type { Command } from "commander";
import { CONTEXT_TOOL } from "../../agent/context-retriever.js";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { createChatModel } from "../../llm/create-chat-model.js";
import type { ModelFlags } from "../../llm/model-settings.js";
import { estimateCounter } from "../../llm/token-counter.js";
import type { ExposedTool } from "../../mcp/tool-hub.js";
import { buildSystemPrompt } from "../../prompt/system-prompt.js";
import { notDownloadedCheck, settleModel } from "../../runtime/settle-model.js";
import { checkOidcIssuer } from "../../serve/team/oidc-setup.js";
import { translatorFor } from "../global-options.js";
import { withHub } from "../hub-session.js";
import { memoryStoreLines } from "../memory-store-finding.js";
import { addModelOptions, resolveModelFromFlags } from "../model-options.js";
import { checkProblems, statusReason } from "../status-reason.js";

interface DoctorFlags extends ModelFlags {
  json?: boolean;
}

interface Finding {
  ok: boolean;
  /** What the finding is about; none when the detail already says it. */
  subject?: string;
  detail: string;
}

export function registerDoctorCommand(
  program: Command,
  translate: Translator = createTranslator("en"),
): void {
  const doctor = program
    .command("doctor")
    .description("check the model provider and every server, and say what to fix")
    .addHelpText("after", translate("cliHelp.doctor"));
  addModelOptions(doctor)
    .option("--json", translate("cliCommands.doctor.json"))
    .action(async (flags: DoctorFlags, command: Command) => {
      // The JSON findings stay in English whatever the language: scripts read them.
      const t = flags.json ? createTranslator("en") : translatorFor(command);
      await withHub(command, async ({ hub, config }) => {
        const findings: Finding[] = [];
        findings.push({
          ok: true,
          subject: t("cliOutput.doctor.config"),
          detail: config.file ?? t("cliOutput.doctor.noConfig"),
        });

        // `auto` is settled without downloading: doctor says what the first question would do.
        const env = { ...config.env, ...process.env };
        const choice = await settleModel(resolveModelFromFlags(flags, config), {
          env,
          language: t.language,
          download: false,
          announce: false,
        });
        const settings = choice.settings;
        // The announcement names itself (`model: embedded …`): printed as it is, not under a second label.
        if (choice.announcement !== undefined) findings.push({ ok: true, detail: choice.announcement });
        const model = createChatModel(settings);
        let maxContextSize: number | undefined;
        try {
          const check = choice.cached
            ? await model.check()
            : await notDownloadedCheck(settings, { env, language: t.language });
          maxContextSize = check.maxContextSize;
          const where = t("cliOutput.doctor.where", {
            provider: check.provider,
            model: check.model,
            location: check.location,
          });
          if (check.problems.length === 0 && !check.modelAvailable && !choice.cached) {
            // Not in the cache, but its source answers: the first question downloads it.
            findings.push({ ok: true, subject: t("cliOutput.doctor.model"), detail: where });
          } else if (check.problems.length === 0) {
            const version =
              check.version === undefined ? "" : t("cliOutput.doctor.version", { version: check.version });
            const window =
              check.maxContextSize === undefined
                ? ""
                : t("cliOutput.doctor.window", { tokens: check.maxContextSize });
            const fixed =
              settings.contextSize === undefined
                ? ""
                : t("cliOutput.doctor.using", { tokens: settings.contextSize });
            findings.push({
              ok: true,
              subject: t("cliOutput.doctor.model"),
              detail: t("cliOutput.doctor.ready", { where, details: `${version}${window}${fixed}` }),
            });
            if (
              settings.contextSize !== undefined &&
              check.maxContextSize !== undefined &&
              settings.contextSize > check.maxContextSize
            ) {
              findings.push({
                ok: false,
                subject: t("cliOutput.doctor.model"),
                detail: t("cliOutput.doctor.contextTooBig", {
                  size: settings.contextSize,
                  max: check.maxContextSize,
                }),
              });
            }
          }
          for (const problem of checkProblems(check, t))
            findings.push({
              ok: false,
              subject: t("cliOutput.doctor.model"),
              detail: `${where}: ${problem}`,
            });
        } finally {
          await model.close();
        }

        for (const status of hub.statuses()) {
          const ok = status.state === "up" || status.state === "disabled";
          const detail =
            status.state === "up"
              ? t("cliOutput.doctor.serverUp", { transport: status.transport, tools: status.toolCount })
              : status.state === "disabled"
                ? t("cliOutput.doctor.serverDisabled")
                : t("cliOutput.doctor.serverState", {
                    state: status.state,
                    reason: statusReason(status, t) ?? t("cliOutput.doctor.noReason"),
                  });
          findings.push({ ok, subject: t("cliOutput.doctor.server", { name: status.name }), detail });
        }
        for (const store of await memoryStoreLines(hub, t))
          findings.push({
            ok: store.ok,
            subject: t("cliOutput.doctor.memoryOf", { server: store.server }),
            detail: store.detail,
          });
        const tools = hub.tools();
        findings.push(promptFinding(tools, settings.maxTokens, settings.contextSize ?? maxContextSize, t));
        findings.push(
          tools.some((tool) => tool.name === CONTEXT_TOOL)
            ? {
                ok: true,
                subject: t("cliOutput.doctor.memory"),
                detail: t("cliOutput.doctor.contextTool", { tool: CONTEXT_TOOL }),
              }
            : {
                ok: true,
                subject: t("cliOutput.doctor.memory"),
                detail: t("cliOutput.doctor.noContextTool", { tool: CONTEXT_TOOL }),
              },
        );
        // Single sign-on: the issuer's discovery document answers (team/oidc-setup.ts).
        const oidc = await checkOidcIssuer(config, t);
        if (oidc !== undefined) findings.push({ ok: oidc.ok, detail: oidc.line });

        if (flags.json)
          console.log(JSON.stringify({ ok: findings.every((finding) => finding.ok), findings }, null, 2));
        else
          for (const finding of findings)
            console.log(
              `${t(finding.ok ? "cliOutput.doctor.ok" : "cliOutput.doctor.fix")}  ${finding.subject === undefined ? "" : `${finding.subject}: `}${finding.detail}`,
            );
        if (!findings.every((finding) => finding.ok)) process.exitCode = 1;
      });
    });
}

/** Whether the system prompt with every connected tool leaves room for history, context and the reply. */
function promptFinding(
  tools: ExposedTool[],
  maxTokens: number,
  window: number | undefined,
  t: Translator,
): Finding {
  const promptTokens = estimateCounter().count(buildSystemPrompt(tools, [], "json", t));
  const detail = t("cliOutput.doctor.promptSize", { tokens: promptTokens, tools: tools.length });
  if (window !== undefined && promptTokens + maxTokens > window * 0.8) {
    return {
      ok: false,
      subject: t("cliOutput.doctor.prompt"),
      detail: t("cliOutput.doctor.promptTooBig", { detail, window }),
    };
  }
  return {
    ok: true,
    subject: t("cliOutput.doctor.prompt"),
    detail: window === undefined ? detail : t("cliOutput.doctor.promptWindow", { detail, window }),
  };
}
