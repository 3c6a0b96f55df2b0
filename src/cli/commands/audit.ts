/**
 * `agente audit [--user NAME] [--since DATE] [--json]`: the audit trail `agente serve` writes (docs/team.md),
 * read from the same place (the conversations' SQLite file, or PostgreSQL when AGENTE_MEMORY_URL is one).
 * A readable table by default; `--json` prints one entry per line (JSONL).
 */
import type { Command } from "commander";
import { createTranslator, type Translator } from "../../i18n/translator.js";
import { memoryEnvironment } from "../../runtime/memory-environment.js";
import { loadAgenteConfig } from "../../runtime/open-hub.js";
import type { AuditQuery, StoredAuditEntry } from "../../serve/team/audit-log.js";
import { openAuditLog } from "../../serve/team/open-audit-log.js";
import { globalOptions, translatorFor } from "../global-options.js";
import { UsageError } from "../usage-error.js";

interface AuditFlags {
  user?: string;
  since?: string;
  json?: boolean;
}

export function registerAuditCommand(program: Command, help: Translator = createTranslator("en")): void {
  program
    .command("audit")
    .description("show the audit trail")
    .option("--user <name>", help("team.audit.user"))
    .option("--since <date>", help("team.audit.since"))
    .option("--json", help("team.audit.json"))
    .action(async (flags: AuditFlags, command: Command) => {
      const t = translatorFor(command);
      if (flags.since !== undefined && Number.isNaN(new Date(flags.since).getTime()))
        throw new UsageError(t("team.audit.badDate", { value: flags.since }));
      const options = globalOptions(command);
      const config = await loadAgenteConfig(options.config === undefined ? {} : { path: options.config });
      const env = memoryEnvironment(config, { ...config.env, ...process.env });
      const log = await openAuditLog(env);
      try {
        const query: AuditQuery = {
          ...(flags.user === undefined ? {} : { person: flags.user }),
          ...(flags.since === undefined ? {} : { since: flags.since }),
        };
        const entries = await log.query(query);
        if (flags.json) {
          for (const entry of entries) process.stdout.write(`${JSON.stringify(entry)}\n`);
          return;
        }
        console.log(entries.length === 0 ? t("team.audit.none") : auditTable(entries, t));
      } finally {
        await log.close();
      }
    });
}

/** The entries as a table with a header, columns padded to their widest cell. */
export function auditTable(entries: readonly StoredAuditEntry[], t: Translator): string {
  const header = [
    t("team.audit.time"),
    t("team.audit.person"),
    t("team.audit.kind"),
    t("team.audit.detail"),
    t("team.audit.decision"),
    t("team.audit.outcome"),
    t("team.audit.duration"),
  ];
  const rows = entries.map((entry) => [
    entry.at.replace("T", " ").slice(0, 19),
    entry.actor,
    entry.kind,
    detailOf(entry),
    entry.decision === undefined
      ? ""
      : entry.approver === undefined
        ? entry.decision
        : `${entry.decision} (${entry.approver})`,
    entry.outcome ?? "",
    entry.durationMs === undefined ? "" : String(Math.round(entry.durationMs)),
  ]);
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

const DETAIL_CHARS = 70;

function detailOf(entry: StoredAuditEntry): string {
  const parts: string[] = [];
  if (entry.tool !== undefined) parts.push(entry.server ? `${entry.server}/${entry.tool}` : entry.tool);
  if (entry.args !== undefined) parts.push(JSON.stringify(entry.args));
  if (entry.subject !== undefined) parts.push(entry.subject);
  if (entry.via !== undefined) parts.push(entry.via);
  if (entry.address !== undefined) parts.push(entry.address);
  const text = parts.join(" ");
  return text.length > DETAIL_CHARS ? `${text.slice(0, DETAIL_CHARS - 1)}…` : text;
}
