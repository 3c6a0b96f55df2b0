import { describe, expect, it } from "vitest";
import { toGrammarSchema } from "../../src/llm/grammar-schema.js";

const limits = { maxStringLength: undefined, maxArrayItems: 4 };

describe("toGrammarSchema", () => {
  it("turns anyOf into oneOf and nullable types into alternatives", () => {
    expect(toGrammarSchema({ anyOf: [{ type: "string" }, { type: "null" }] }, limits)).toEqual({
      oneOf: [{ type: "string" }, { type: "null" }],
    });
    expect(toGrammarSchema({ type: ["integer", "null"] }, limits)).toEqual({ type: ["integer", "null"] });
  });

  it("drops unsupported keywords, forbids extra object keys and bounds arrays", () => {
    const converted = toGrammarSchema(
      {
        $schema: "http://json-schema.org/draft-07/schema#",
        type: "object",
        properties: {
          tags: { type: "array", items: { type: "string", pattern: "^a" } },
          n: { type: "number", minimum: 3 },
        },
        required: ["tags", "missing"],
      },
      limits,
    );
    expect(converted).toEqual({
      type: "object",
      properties: {
        tags: { type: "array", items: { type: "string" }, minItems: 0, maxItems: 4 },
        n: { type: "number" },
      },
      required: ["tags"],
      additionalProperties: false,
    });
  });

  it("keeps short declared string bounds and drops long ones (they are slow to decode)", () => {
    expect(toGrammarSchema({ type: "string", maxLength: 10, minLength: 1 }, limits)).toEqual({
      type: "string",
      maxLength: 10,
      minLength: 1,
    });
    expect(toGrammarSchema({ type: "string", maxLength: 5000 }, limits)).toEqual({ type: "string" });
  });

  it("bounds a schema-less value to a scalar", () => {
    expect(toGrammarSchema({}, limits)).toEqual({
      oneOf: [{ type: "string" }, { type: ["number", "boolean", "null"] }],
    });
  });
});
