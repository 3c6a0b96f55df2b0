import { describe, expect, it } from "vitest";
import { integerOption, parseInteger } from "../../src/cli/integer-option.js";
import { UserError } from "../../src/util/errors.js";

describe("parseInteger", () => {
  it("reads whole numbers at or above the minimum", () => {
    expect(parseInteger("5", "--limit", 1)).toBe(5);
    expect(integerOption("--chunk-overlap", 0)("0")).toBe(0);
  });

  it.each([
    ["0", 1, '--limit must be a positive whole number, not "0"'],
    ["2.5", 1, '--limit must be a positive whole number, not "2.5"'],
    ["", 1, '--limit must be a positive whole number, not ""'],
    ["-1", 0, '--limit must be a whole number (0 or more), not "-1"'],
    ["3", 10, '--limit must be a whole number of at least 10, not "3"'],
  ])("refuses %j with minimum %d", (value, minimum, message) => {
    const call = () => parseInteger(value, "--limit", minimum);
    expect(call).toThrow(UserError);
    expect(call).toThrow(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  });
});
