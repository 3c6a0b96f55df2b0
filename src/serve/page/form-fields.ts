/**
 * The fields of a server's form (MCP elicitation, form mode) as HTML inputs, and the answers read back
 * and checked against the schema before they are sent: text (with length and format), numbers and whole
 * numbers (with limits), yes/no, one choice of an enum, several choices of an array of enums. Defaults are
 * filled in; required fields are marked. The server checks the answer again (question-routes.ts).
 */
import { el } from "./dom.js";
import type { PageText } from "./strings.js";

type Field = Record<string, unknown>;
export type AnswerValue = string | number | boolean | string[];

export interface FormFields {
  element: HTMLElement;
  /** The answers, or the problems found (one line each, in the reader's language). */
  read(): { content: Record<string, AnswerValue> } | { problems: string[] };
}

interface FieldView {
  name: string;
  label: string;
  required: boolean;
  schema: Field;
  choices: Array<[string, string]> | undefined;
  read(): AnswerValue | undefined;
}

const FORMATS: Record<string, RegExp> = {
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^[a-z][a-z0-9+.-]*:\S+$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  "date-time": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/,
};

function record(value: unknown): Field {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value } : {};
}

/** An enum field's choices as `[value, label]`: `enum`/`enumNames`, or `oneOf`/`anyOf` of `const`. */
function choicesOf(schema: Field): Array<[string, string]> | undefined {
  const source = schema.type === "array" ? record(schema.items) : schema;
  if (Array.isArray(source.enum)) {
    const names: unknown[] = Array.isArray(source.enumNames) ? source.enumNames : [];
    return source.enum.map((value, index) => [String(value), String(names[index] ?? value)]);
  }
  const options: unknown[] = Array.isArray(source.oneOf)
    ? source.oneOf
    : Array.isArray(source.anyOf)
      ? source.anyOf
      : [];
  if (options.length === 0) return undefined;
  return options.map((option) => {
    const choice = record(option);
    return [String(choice.const), String(choice.title ?? choice.const)];
  });
}

export function formFields(
  requestedSchema: Record<string, unknown>,
  t: PageText,
  idPrefix: string,
): FormFields {
  const properties = record(requestedSchema.properties);
  const required = new Set(
    Array.isArray(requestedSchema.required) ? requestedSchema.required.map(String) : [],
  );
  const views: FieldView[] = [];
  const rows: HTMLElement[] = [];
  for (const [name, value] of Object.entries(properties)) {
    const schema = record(value);
    const id = `${idPrefix}-${name}`;
    const isRequired = required.has(name);
    const label = typeof schema.title === "string" && schema.title !== "" ? schema.title : name;
    const choices = choicesOf(schema);
    const labelElement = el(
      "label",
      { for: id },
      label,
      isRequired ? el("span", { class: "required" }, ` ${t("page.question.required")}`) : undefined,
    );
    const description =
      typeof schema.description === "string"
        ? el("small", { class: "muted" }, schema.description)
        : undefined;
    const { input, read } = inputFor(schema, choices, id, isRequired, t);
    rows.push(el("div", { class: "field" }, labelElement, input, description));
    views.push({ name, label, required: isRequired, schema, choices, read });
  }
  return {
    element: el("div", { class: "fields" }, ...rows),
    read() {
      const content: Record<string, AnswerValue> = {};
      const problems: string[] = [];
      for (const view of views) {
        const value = view.read();
        const problem = check(view, value, t);
        if (problem !== undefined) problems.push(problem);
        else if (value !== undefined) content[view.name] = value;
      }
      return problems.length > 0 ? { problems } : { content };
    },
  };
}

function inputFor(
  schema: Field,
  choices: Array<[string, string]> | undefined,
  id: string,
  required: boolean,
  t: PageText,
): { input: HTMLElement; read(): AnswerValue | undefined } {
  const fallback = schema.default;
  if (schema.type === "boolean") {
    const box = el("input", { type: "checkbox", id });
    box.checked = fallback === true;
    return { input: box, read: () => box.checked };
  }
  if (schema.type === "array" && choices !== undefined) {
    const picked = new Set(Array.isArray(fallback) ? fallback.map(String) : []);
    const boxes = choices.map(([value, label], index) => {
      const box = el("input", { type: "checkbox", id: index === 0 ? id : `${id}-${index}`, value });
      box.checked = picked.has(value);
      return { box, label: el("label", { class: "choice" }, box, ` ${label}`) };
    });
    return {
      input: el("div", { class: "choices" }, ...boxes.map((entry) => entry.label)),
      read: () => boxes.filter((entry) => entry.box.checked).map((entry) => entry.box.value),
    };
  }
  if (choices !== undefined) {
    const select = el(
      "select",
      { id },
      required ? undefined : el("option", { value: "" }, t("page.question.none")),
      ...choices.map(([value, label]) => el("option", { value }, label)),
    );
    if (fallback !== undefined) select.value = String(fallback);
    return { input: select, read: () => (select.value === "" ? undefined : select.value) };
  }
  const numeric = schema.type === "number" || schema.type === "integer";
  const input = el("input", {
    id,
    type: numeric ? "text" : schema.format === "email" ? "email" : "text",
    inputmode: schema.type === "integer" ? "numeric" : numeric ? "decimal" : undefined,
  });
  if (fallback !== undefined) input.value = String(fallback);
  return {
    input,
    read() {
      const text = input.value.trim();
      if (text === "") return undefined;
      if (!numeric) return input.value;
      const number = Number(text);
      return Number.isNaN(number) ? text : number;
    },
  };
}

/** The one problem of a field's answer, or undefined when it fits its schema. */
function check(view: FieldView, value: AnswerValue | undefined, t: PageText): string | undefined {
  const { schema, label: field } = view;
  if (value === undefined || (Array.isArray(value) && value.length === 0 && view.required))
    return view.required ? t("page.question.errorRequired", { field }) : undefined;
  const limit = (key: string) => (typeof schema[key] === "number" ? schema[key] : undefined);
  if (schema.type === "number" || schema.type === "integer") {
    if (typeof value !== "number") return t("page.question.errorNumber", { field });
    if (schema.type === "integer" && !Number.isInteger(value))
      return t("page.question.errorInteger", { field });
    const minimum = limit("minimum");
    const maximum = limit("maximum");
    if (minimum !== undefined && value < minimum)
      return t("page.question.errorMinimum", { field, limit: minimum });
    if (maximum !== undefined && value > maximum)
      return t("page.question.errorMaximum", { field, limit: maximum });
    return undefined;
  }
  if (Array.isArray(value)) {
    const minItems = limit("minItems");
    const maxItems = limit("maxItems");
    if (minItems !== undefined && value.length < minItems)
      return t("page.question.errorMinimum", { field, limit: minItems });
    if (maxItems !== undefined && value.length > maxItems)
      return t("page.question.errorMaximum", { field, limit: maxItems });
    return undefined;
  }
  if (typeof value !== "string") return undefined;
  if (view.choices !== undefined && !view.choices.some(([choice]) => choice === value))
    return t("page.question.errorChoice", { field });
  const minLength = limit("minLength");
  const maxLength = limit("maxLength");
  if (minLength !== undefined && value.length < minLength)
    return t("page.question.errorMinLength", { field, limit: minLength });
  if (maxLength !== undefined && value.length > maxLength)
    return t("page.question.errorMaxLength", { field, limit: maxLength });
  const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
  if (format !== undefined && !format.test(value))
    return t("page.question.errorFormat", { field, format: String(schema.format) });
  return undefined;
}
