/**
 * The terminal guard (issue 20): installed once, it cleans every string written to a stream, whoever
 * writes it; agente's own control sequences pass only through `writeControl` and readline's `rawOutput`.
 */
import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guardTerminal, rawOutput, releaseTerminal, writeControl } from "../../src/util/terminal-sink.js";
import { controlCharacterAt } from "../support/terminal-control.js";

/** A stream that keeps what reaches it, as the terminal would receive it. */
function terminal(): { stream: Writable; received: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: unknown, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, received: () => chunks.join("") };
}

describe("the terminal guard", () => {
  it("cleans every string written, keeps agente's own control sequences and readline's raw output", () => {
    const { stream, received } = terminal();
    guardTerminal([stream]);
    guardTerminal([stream]);
    stream.write("! server erp is down: boom\u001b]0;pwned\u0007\u001b[2J\u009b2K\r\n");
    writeControl(stream, "\r\u001b[K");
    rawOutput(stream).write("\u001b[1G");
    expect(rawOutput(stream).writable).toBe(true);
    expect(received()).toBe("! server erp is down: boom\n\r\u001b[K\u001b[1G");
    releaseTerminal(stream);
    stream.write("\u001b[2J");
    expect(received().endsWith("\u001b[2J")).toBe(true);
  });

  it("lets no control character but newline and tab through, whatever is written (fast-check)", () => {
    const { stream, received } = terminal();
    guardTerminal([stream]);
    const hostile = fc.string({
      unit: fc.oneof(
        fc.constantFrom("\u001b", "\u009b", "\u0007", "\r", "\n", "\t", "[", "]", "2", "J", ";", "\\", "P"),
        fc.string({ unit: "binary", maxLength: 1 }),
      ),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 5 }), (writes) => {
        for (const text of writes) stream.write(text);
        expect(controlCharacterAt(received())).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });
});
