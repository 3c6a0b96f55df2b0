/** Masking by key name: what the model's arguments may hold, hidden in what is shown and recorded. */
import { describe, expect, it } from "vitest";
import { maskSecretArguments, maskSecretFields } from "../../src/util/secret-fields.js";

describe("maskSecretFields", () => {
  it("keeps passages and token counts, hides secret values in objects and in text", () => {
    const event = {
      passages: [{ text: "t", source: "s" }],
      promptTokens: 12,
      args: { clientSecret: "abc", authorization: "Bearer x" },
      rawOutput: '{"parametros": {"password": "hunter2"}}',
    };
    expect(maskSecretFields(event)).toEqual({
      passages: [{ text: "t", source: "s" }],
      promptTokens: 12,
      args: { clientSecret: "[redacted]", authorization: "[redacted]" },
      rawOutput: '{"parametros": {"password": "[redacted]"}}',
    });
  });
});

describe("maskSecretArguments", () => {
  it("masks a call's arguments and leaves the others", () => {
    expect(maskSecretArguments({ usuario: "ana", password: "hunter2", limite: 5 })).toEqual({
      usuario: "ana",
      password: "[redacted]",
      limite: 5,
    });
  });
});
