/**
 * Python-style binding of call arguments to a method's parameters, with the `TypeError` messages
 * Python writes. XML-RPC `execute_kw` calls the method directly (messages like
 * "BaseModel.search() got an unexpected keyword argument 'foo'"); JSON-2 checks the arguments with
 * `inspect.signature(...).bind(...)` first (messages like "missing a required argument: 'domain'").
 */

import { raise } from "./errors.js";

export interface Parameter {
  name: string;
  /** Absent means required. */
  default?: unknown;
  /** Keyword-only (after `*` in the Python signature). */
  keywordOnly?: boolean;
}

export interface Signature {
  /** Python qualified name, e.g. "BaseModel.search_read". */
  qualifiedName: string;
  parameters: Parameter[];
  /** Accepts `**kwargs`. */
  varKeyword?: boolean;
  /** A plain function: no `self` counted in "takes N positional arguments" messages. */
  plainFunction?: boolean;
}

export type BindStyle = "call" | "signature";

const quoteList = (names: string[]): string => {
  const quoted = names.map((name) => `'${name}'`);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
};

/** Binds positional and named arguments; returns every parameter's value (defaults filled in). */
export function bindArguments(
  signature: Signature,
  positional: readonly unknown[],
  named: Readonly<Record<string, unknown>>,
  style: BindStyle,
): Record<string, unknown> {
  const fail = (callMessage: string, signatureMessage: string) =>
    raise.type(style === "call" ? `${signature.qualifiedName}() ${callMessage}` : signatureMessage);
  const positionalParameters = signature.parameters.filter((parameter) => !parameter.keywordOnly);
  if (positional.length > positionalParameters.length) {
    const self = signature.plainFunction ? 0 : 1;
    const required = positionalParameters.filter((parameter) => !("default" in parameter)).length + self;
    const total = positionalParameters.length + self;
    const accepted = required === total ? `${required}` : `from ${required} to ${total}`;
    const noun = total === 1 ? "argument" : "arguments";
    throw fail(
      `takes ${accepted} positional ${noun} but ${positional.length + self} were given`,
      "too many positional arguments",
    );
  }
  const bound: Record<string, unknown> = {};
  positional.forEach((value, index) => {
    bound[positionalParameters[index]!.name] = value;
  });
  const extra: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(named)) {
    const parameter = signature.parameters.find((candidate) => candidate.name === name);
    if (!parameter) {
      if (!signature.varKeyword) {
        throw fail(
          `got an unexpected keyword argument '${name}'`,
          `got an unexpected keyword argument '${name}'`,
        );
      }
      extra[name] = value;
      continue;
    }
    if (name in bound) {
      throw fail(`got multiple values for argument '${name}'`, `multiple values for argument '${name}'`);
    }
    bound[name] = value;
  }
  const missing = signature.parameters.filter(
    (parameter) => !("default" in parameter) && !(parameter.name in bound),
  );
  if (missing.length > 0) {
    const names = missing.map((parameter) => parameter.name);
    const kind = missing[0]!.keywordOnly ? "keyword-only" : "positional";
    const plural = names.length === 1 ? "argument" : "arguments";
    throw fail(
      `missing ${names.length} required ${kind} ${plural}: ${quoteList(names)}`,
      `missing a required argument: '${names[0]}'`,
    );
  }
  for (const parameter of signature.parameters) {
    if (!(parameter.name in bound)) bound[parameter.name] = parameter.default;
  }
  return { ...bound, ...extra };
}
