import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/translator.js";
import { createDownloadProgress } from "../../src/models/download-progress.js";

const translate = createTranslator("en");

describe("download progress", () => {
  it("draws one bar in place on a terminal: bytes, speed and time left, redrawn at most every 100 ms", () => {
    const written: string[] = [];
    let clock = 0;
    const progress = createDownloadProgress({
      write: (text) => written.push(text),
      terminal: true,
      translate,
      now: () => clock,
    });
    progress.update({
      name: "m.gguf",
      received: 250_000_000,
      total: 1_000_000_000,
      bytesPerSecond: 10_000_000,
    });
    clock = 50;
    progress.update({
      name: "m.gguf",
      received: 260_000_000,
      total: 1_000_000_000,
      bytesPerSecond: 10_000_000,
    });
    clock = 150;
    progress.update({
      name: "m.gguf",
      received: 1_000_000_000,
      total: 1_000_000_000,
      bytesPerSecond: 10_000_000,
    });
    progress.finish();
    expect(written).toEqual([
      "\r[######------------------] 25% 250.0 MB / 1.0 GB  10.0 MB/s  1:15 left\u001b[K",
      "\r[########################] 100% 1.0 GB / 1.0 GB  10.0 MB/s  0:00 left\u001b[K",
      "\n",
    ]);
  });

  it("prints a line at each further tenth without a terminal, in the user's language", () => {
    const written: string[] = [];
    const progress = createDownloadProgress({
      write: (text) => written.push(text),
      terminal: false,
      translate: createTranslator("es"),
    });
    for (let received = 0; received <= 100; received += 5)
      progress.update({ name: "m.gguf", received, total: 100, bytesPerSecond: 1000 });
    expect(written).toHaveLength(11);
    expect(written[1]).toBe("m.gguf: 10% (10 B de 100 B, 1.0 KB/s)\n");
    expect(written.at(-1)).toBe("m.gguf: 100% (100 B de 100 B, 1.0 KB/s)\n");
  });
});
