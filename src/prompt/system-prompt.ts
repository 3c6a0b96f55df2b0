/**
 * The system prompt: short, because a 1B model follows a short prompt better, with one compact line per
 * tool and the retrieved context (with source tags) when there is any. Every piece of its text is written
 * here once; the prompt budget counts the same pieces.
 */
import { createTranslator, type Translator } from "../i18n/translator.js";
import type { ExposedTool, JsonSchema } from "../mcp/tool-hub.js";
import type { ContextPassage } from "./context-passage.js";

export type ToolMode = "json" | "native";

const MAX_DESCRIPTION = 110;

/** The seed's language: Spanish, when the caller gives no translator. */
const SEED = createTranslator("es");

/** The header of the tool list, in the prompt's language. */
export function toolsHeader(translate: Translator = SEED): string {
  return translate("prompt.tools");
}

/** The header of the retrieved context, in the prompt's language. */
export function contextHeader(translate: Translator = SEED): string {
  return translate("prompt.context");
}

/**
 * The prompt in the translator's language (Spanish by default, as the seed); the protocol's keys stay
 * Spanish. The caller hands the translator it already has: this layer makes none per call.
 */
export function buildSystemPrompt(
  tools: readonly ExposedTool[],
  passages: readonly ContextPassage[],
  mode: ToolMode,
  translate: Translator = SEED,
): string {
  const lines: string[] = [];
  if (mode === "json") {
    lines.push(
      translate("prompt.json.intro"),
      translate("prompt.json.toolUse"),
      translate("prompt.json.answer"),
      translate("prompt.json.whenToUse"),
    );
  } else {
    lines.push(translate("prompt.native.intro"), translate("prompt.native.after"));
  }
  if (tools.length > 0) {
    lines.push(toolsHeader(translate));
    for (const tool of tools) lines.push(toolEntry(tool));
  } else {
    lines.push(translate("prompt.noTools"));
  }
  if (passages.length > 0) {
    lines.push(contextHeader(translate));
    passages.forEach((passage, index) => {
      lines.push(passageEntry(passage, index + 1, translate));
    });
  }
  return lines.join("\n");
}

/** One tool as the system prompt lists it: `- consultar_empresa(nombre: string): …`. */
export function toolEntry(tool: ExposedTool): string {
  return `- ${toolLine(tool)}`;
}

/** One passage as the system prompt shows it: `[1] (fuente: manual.pdf #3) …`. */
export function passageEntry(passage: ContextPassage, number: number, translate: Translator = SEED): string {
  const source = translate("prompt.source");
  return `[${number}] (${source}: ${passage.source}${passage.position === undefined ? "" : ` #${passage.position}`}) ${passage.text}`;
}

/** `consultar_empresa(nombre: string, pais?: string): Consulta los datos de una empresa.` */
export function toolLine(tool: ExposedTool): string {
  const description = firstSentence(tool.description || tool.title || "");
  return `${tool.name}(${parameterList(tool.inputSchema)})${description === "" ? "" : `: ${description}`}`;
}

function parameterList(schema: JsonSchema): string {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  return Object.entries(properties)
    .map(([name, property]) => `${name}${required.has(name) ? "" : "?"}: ${typeName(property)}`)
    .join(", ");
}

function typeName(property: unknown): string {
  if (property === null || typeof property !== "object") return "any";
  const record = property as Record<string, unknown>;
  if (Array.isArray(record.enum)) return record.enum.map((value) => JSON.stringify(value)).join("|");
  if (Array.isArray(record.type)) return record.type.join("|");
  if (record.type === "array") return `${typeName(record.items)}[]`;
  if (typeof record.type === "string") return record.type;
  if (Array.isArray(record.anyOf)) return record.anyOf.map(typeName).join("|");
  return "any";
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = flat.search(/[.!?](\s|$)/);
  const sentence = end === -1 ? flat : flat.slice(0, end + 1);
  return sentence.length <= MAX_DESCRIPTION ? sentence : `${sentence.slice(0, MAX_DESCRIPTION - 1)}…`;
}
