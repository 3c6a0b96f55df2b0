import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { agenteVersion } from "../../src/util/version.js";

describe("agenteVersion", () => {
  it("is the version in package.json", () => {
    const manifest: { version: string } = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    );
    expect(agenteVersion()).toBe(manifest.version);
  });
});
