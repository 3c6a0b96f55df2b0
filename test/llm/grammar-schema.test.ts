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

  it("bounds strings by the smaller of the declared maxLength and the limit", () => {
    const bounded = { ...limits, maxStringLength: 50 };
    expect(toGrammarSchema({ type: "string", maxLength: 10, minLength: 1 }, bounded)).toEqual({
      type: "string",
      maxLength: 10,
      minLength: 1,
    });
    expect(toGrammarSchema({ type: "string", maxLength: 5000 }, bounded)).toEqual({
      type: "string",
      maxLength: 50,
    });
    expect(toGrammarSchema({ type: "string" }, limits)).toEqual({ type: "string" });
  });

  it("enforces a small integer range as an enum, leaves a large one to validation", () => {
    expect(toGrammarSchema({ type: "integer", minimum: 1, maximum: 4 }, limits)).toEqual({
      enum: [1, 2, 3, 4],
    });
    expect(toGrammarSchema({ type: "integer", minimum: 0 }, limits)).toEqual({ type: "integer" });
    expect(toGrammarSchema({ type: "integer", minimum: 0, maximum: 100000 }, limits)).toEqual({
      type: "integer",
    });
  });

  it("bounds a schema-less value to a scalar", () => {
    expect(toGrammarSchema({}, limits)).toEqual({
      oneOf: [{ type: "string" }, { type: ["number", "boolean", "null"] }],
    });
  });
});
