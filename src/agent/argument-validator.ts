/**
 * Validates a tool call's arguments against the tool's own `inputSchema` (ajv), and turns the first
 * failures into one short line a small model can act on.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { ExposedTool } from "../mcp/tool-hub.js";

export type ArgumentCheck = { ok: true } | { ok: false; problem: string };

export class ArgumentValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  private readonly compiled = new Map<string, ValidateFunction | null>();

  check(tool: ExposedTool, args: Record<string, unknown>): ArgumentCheck {
    const validate = this.validatorFor(tool);
    // A schema ajv cannot compile is the server's problem; the server validates its own arguments anyway.
    if (validate === null || validate(args)) return { ok: true };
    return { ok: false, problem: describeErrors(validate.errors ?? []) };
  }

  private validatorFor(tool: ExposedTool): ValidateFunction | null {
    const key = `${tool.name}\u0000${JSON.stringify(tool.inputSchema)}`;
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      const { $schema: _schema, ...schema } = tool.inputSchema;
      try {
        validate = this.ajv.compile(schema);
      } catch {
        validate = null;
      }
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

function describeErrors(errors: ErrorObject[]): string {
  const lines = errors.slice(0, 3).map((error) => {
    const path = error.instancePath.replace(/^\//, "").replaceAll("/", ".");
    if (error.keyword === "required") return `falta "${String(error.params.missingProperty)}"`;
    if (error.keyword === "additionalProperties") return `sobra "${String(error.params.additionalProperty)}"`;
    if (error.keyword === "type") return `"${path}" debe ser ${String(error.params.type)}`;
    if (error.keyword === "enum")
      return `"${path}" debe ser uno de ${JSON.stringify(error.params.allowedValues)}`;
    return `"${path || "parametros"}" ${error.message ?? "no es válido"}`;
  });
  return lines.join("; ");
}
