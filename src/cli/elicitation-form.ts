/**
 * A server's form (elicitation, form mode) on the terminal: the server's message, then each field with its
 * default filled in (Enter keeps it), choices numbered for enums, every answer checked against the field's
 * schema before the next. The person may decline or cancel at the start; input that ends cancels.
 */
import type { ElicitRequestFormParams, ElicitResult } from "@modelcontextprotocol/client";
import { Ajv } from "ajv";
import type { Translator } from "../i18n/translator.js";
import { stripControlSequences } from "../util/terminal-text.js";

export type Ask = (question: string) => Promise<string | undefined>;
type Field = Record<string, unknown>;
type Value = string | number | boolean | string[];

const ajv = new Ajv({ strict: false, allErrors: false });

/** The fields of a form's schema, each with whether it is required. */
function fieldsOf(
  params: ElicitRequestFormParams,
): Array<{ name: string; schema: Field; required: boolean }> {
  const required = new Set(params.requestedSchema.required ?? []);
  return Object.entries(params.requestedSchema.properties).map(([name, schema]) => ({
    name,
    schema: schema as Field,
    required: required.has(name),
  }));
}

/** The answers a form gives when every field keeps its default. */
export function formDefaults(params: ElicitRequestFormParams): Record<string, Value> {
  const content: Record<string, Value> = {};
  for (const { name, schema } of fieldsOf(params)) {
    const value = schema.default;
    if (value !== undefined) content[name] = value as Value;
  }
  return content;
}

/** `--yes` without a terminal accepts a form only when every required field has a default. */
export function acceptableByDefaults(params: ElicitRequestFormParams): boolean {
  return fieldsOf(params).every(({ schema, required }) => !required || schema.default !== undefined);
}

/** The choices of an enum field as `[value, label]`: `enum`/`enumNames`, `oneOf`/`anyOf` of `const`. */
function choicesOf(schema: Field): Array<[string, string]> | undefined {
  const source = schema.type === "array" ? ((schema.items as Field | undefined) ?? {}) : schema;
  if (Array.isArray(source.enum)) {
    const names = Array.isArray(source.enumNames) ? source.enumNames : [];
    return source.enum.map((value, index) => [String(value), String(names[index] ?? value)]);
  }
  const options = Array.isArray(source.oneOf)
    ? source.oneOf
    : Array.isArray(source.anyOf)
      ? source.anyOf
      : [];
  if (options.length === 0) return undefined;
  return options.map((option: Field) => [String(option.const), String(option.title ?? option.const)]);
}

/** Turns one typed answer into the field's value, or undefined when it cannot be one. */
function answerValue(answer: string, schema: Field, choices: Array<[string, string]> | undefined): unknown {
  const pick = (word: string) => {
    const index = Number(word);
    if (choices === undefined) return word;
    if (Number.isInteger(index) && index >= 1 && index <= choices.length) return choices[index - 1]?.[0];
    return choices.find(([value]) => value === word)?.[0] ?? word;
  };
  switch (schema.type) {
    case "boolean":
      if (/^(s|si|sí|y|yes|true)$/i.test(answer)) return true;
      if (/^(n|no|false)$/i.test(answer)) return false;
      return answer;
    case "number":
    case "integer":
      return answer === "" || Number.isNaN(Number(answer)) ? answer : Number(answer);
    case "array":
      return answer
        .split(",")
        .map((word) => word.trim())
        .filter((word) => word !== "")
        .map(pick);
    default:
      return pick(answer);
  }
}

function shown(value: unknown): string {
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/** Asks the whole form; `accept` with the answers, `decline`, or `cancel`. */
export async function askForm(
  server: string,
  params: ElicitRequestFormParams,
  ask: Ask,
  t: Translator,
): Promise<ElicitResult> {
  const start = await ask(
    t("mcpClient.elicitation.form", { server, message: stripControlSequences(params.message) }),
  );
  if (start === undefined || /^(c|cancel|cancelar)$/i.test(start.trim())) return { action: "cancel" };
  if (/^(n|no|d|decline|rechazar)$/i.test(start.trim())) return { action: "decline" };
  const content: Record<string, Value> = {};
  for (const { name, schema, required } of fieldsOf(params)) {
    const choices = choicesOf(schema);
    const label = stripControlSequences(String(schema.title ?? name));
    const description =
      typeof schema.description === "string" ? stripControlSequences(schema.description) : "";
    const lines = [description === "" ? label : `${label}: ${description}`];
    if (choices !== undefined) lines.push(...choices.map(([, text], index) => `  ${index + 1}) ${text}`));
    const hint = schema.default === undefined ? "" : ` [${shown(schema.default)}]`;
    const check = ajv.compile(schema);
    for (;;) {
      const answer = await ask(
        `${stripControlSequences(lines.join("\n"))}\n${required ? "* " : ""}${hint.trim()}> `,
      );
      if (answer === undefined) return { action: "cancel" };
      const typed = answer.trim();
      if (typed === "" && schema.default !== undefined) {
        content[name] = schema.default as Value;
        break;
      }
      if (typed === "" && !required) break;
      const value = answerValue(typed, schema, choices);
      if (check(value)) {
        content[name] = value as Value;
        break;
      }
      const why = check.errors?.[0]?.message ?? t("mcpClient.elicitation.required");
      await ask(
        t("mcpClient.elicitation.invalid", { why: typed === "" ? t("mcpClient.elicitation.required") : why }),
      );
    }
  }
  return { action: "accept", content };
}
