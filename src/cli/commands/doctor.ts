/**
 * `agente doctor`: checks the model provider (reachable, model present, context size), every configured
 * server and the memory tools, and prints what to fix. Exit code 1 when something needs fixing.
 */
import type { Command } from "commander";
import { CONTEXT_TOOL } from "../../agent/context-retriever.js";
import { createChatModel } from "../../llm/create-chat-model.js";
import type { ModelFlags } from "../../llm/model-settings.js";
import { estimateCounter } from "../../llm/token-counter.js";
import type { ExposedTool } from "../../mcp/tool-hub.js";
import { buildSystemPrompt } from "../../prompt/system-prompt.js";
import { notDownloadedCheck, settleModel } from "../../runtime/settle-model.js";
import { withHub } from "../hub-session.js";
import { memoryStoreLines } from "../memory-store-finding.js";
import { addModelOptions, resolveModelFromFlags } from "../model-options.js";

interface DoctorFlags extends ModelFlags {
  json?: boolean;
}

interface Finding {
  ok: boolean;
  subject: string;
  detail: string;
}

export function registerDoctorCommand(program: Command): void {
  const doctor = program
    .command("doctor")
    .description("check the model provider and every server, and say what to fix")
    .addHelpText(
      "after",
      `
Examples:
  agente doctor
  agente doctor --provider openai --base-url http://localhost:8080/v1
  OLLAMA_HOST=http://gpu-box:11434 agente doctor`,
    );
  addModelOptions(doctor)
    .option("--json", "print the findings as JSON")
    .action(async (flags: DoctorFlags, command: Command) => {
      await withHub(command, async ({ hub, config }) => {
        const findings: Finding[] = [];
        findings.push({
          ok: true,
          subject: "config",
          detail: config.file ?? "no agente.json: built-in default servers",
        });

        // `auto` is settled without downloading: doctor says what the first question would do.
        const choice = await settleModel(resolveModelFromFlags(flags, config), {
          env: { ...config.env, ...process.env },
          download: false,
          announce: false,
        });
        const settings = choice.settings;
        if (choice.announcement !== undefined)
          findings.push({ ok: true, subject: "model", detail: choice.announcement });
        const model = createChatModel(settings);
        let maxContextSize: number | undefined;
        try {
          const check = choice.cached ? await model.check() : notDownloadedCheck(settings, process.env);
          maxContextSize = check.maxContextSize;
          const where = `${check.provider} ${check.model} at ${check.location}`;
          if (check.problems.length === 0) {
            const version = check.version === undefined ? "" : `, version ${check.version}`;
            const window =
              check.maxContextSize === undefined ? "" : `, context up to ${check.maxContextSize} tokens`;
            const fixed = settings.contextSize === undefined ? "" : `, using ${settings.contextSize}`;
            findings.push({
              ok: true,
              subject: "model",
              detail: `${where}: ready${version}${window}${fixed}`,
            });
            if (
              settings.contextSize !== undefined &&
              check.maxContextSize !== undefined &&
              settings.contextSize > check.maxContextSize
            ) {
              findings.push({
                ok: false,
                subject: "model",
                detail: `--context-size ${settings.contextSize} exceeds the model's ${check.maxContextSize}: lower it`,
              });
            }
          }
          for (const problem of check.problems)
            findings.push({ ok: false, subject: "model", detail: `${where}: ${problem}` });
        } finally {
          await model.close();
        }

        for (const status of hub.statuses()) {
          const ok = status.state === "up" || status.state === "disabled";
          const detail =
            status.state === "up"
              ? `up (${status.transport}), ${status.toolCount} tools`
              : status.state === "disabled"
                ? "disabled in the config"
                : `${status.state}: ${status.reason ?? "no reason given"}`;
          findings.push({ ok, subject: `server ${status.name}`, detail });
        }
        for (const store of await memoryStoreLines(hub))
          findings.push({ ok: store.ok, subject: `memory (${store.server})`, detail: store.detail });
        const tools = hub.tools();
        findings.push(promptFinding(tools, settings.maxTokens, settings.contextSize ?? maxContextSize));
        findings.push(
          tools.some((tool) => tool.name === CONTEXT_TOOL)
            ? {
                ok: true,
                subject: "memory",
                detail: `${CONTEXT_TOOL} available: retrieved context is injected into each turn`,
              }
            : {
                ok: true,
                subject: "memory",
                detail: `no server offers ${CONTEXT_TOOL}: turns run without retrieved context`,
              },
        );

        if (flags.json)
          console.log(JSON.stringify({ ok: findings.every((finding) => finding.ok), findings }, null, 2));
        else
          for (const finding of findings)
            console.log(`${finding.ok ? "ok  " : "FIX "} ${finding.subject}: ${finding.detail}`);
        if (!findings.every((finding) => finding.ok)) process.exitCode = 1;
      });
    });
}

/** Whether the system prompt with every connected tool leaves room for history, context and the reply. */
function promptFinding(tools: ExposedTool[], maxTokens: number, window: number | undefined): Finding {
  const promptTokens = estimateCounter().count(buildSystemPrompt(tools, [], "json"));
  const detail = `system prompt ~${promptTokens} tokens with ${tools.length} tools`;
  if (window !== undefined && promptTokens + maxTokens > window * 0.8) {
    return {
      ok: false,
      subject: "prompt",
      detail: `${detail}: too close to the ${window}-token context window; disable servers you do not need or set toolRetrieval in agente.json`,
    };
  }
  return {
    ok: true,
    subject: "prompt",
    detail: window === undefined ? detail : `${detail} (window ${window})`,
  };
}
