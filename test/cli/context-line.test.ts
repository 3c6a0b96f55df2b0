/** Regression: the context line repeated one file once per retrieved passage (`a.md, a.md, a.md`). */
import { describe, expect, it } from "vitest";
import { renderEvent } from "../../src/cli/agent-view.js";

describe("the context line", () => {
  it("lists each file once, in the order first retrieved", () => {
    const passage = (source: string, position: number) => ({ source, position, text: "x", score: 0.5 });
    const line = renderEvent(
      {
        type: "context",
        durationMs: 3,
        passages: [passage("/d/tarifas.txt", 0), passage("/d/contrato.md", 2), passage("/d/tarifas.txt", 1)],
      },
      false,
    );
    expect(line).toBe("· context: /d/tarifas.txt, /d/contrato.md");
  });
});
