import { describe, expect, it } from "vitest";
import { splitText } from "../../src/memory/chunking.js";

describe("splitText", () => {
  it("keeps a short text whole", () => {
    expect(splitText("  one short paragraph.  ")).toEqual(["one short paragraph."]);
  });

  it("never exceeds the chunk size and loses no word", () => {
    const words = Array.from({ length: 600 }, (_, index) => `word${index}`);
    const text = words.map((word, index) => (index % 40 === 39 ? `${word}.\n\n` : `${word} `)).join("");
    const chunks = splitText(text, { chunkSize: 300, chunkOverlap: 50 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(300);
    const seen = new Set(chunks.flatMap((chunk) => chunk.match(/word\d+/g) ?? []));
    expect(seen.size).toBe(words.length);
  });

  it("overlaps neighbouring chunks", () => {
    const text = Array.from({ length: 50 }, (_, index) => `Sentence number ${index} is here.`).join(" ");
    const [first, second] = splitText(text, { chunkSize: 200, chunkOverlap: 60 });
    const lastSentence = first?.split(". ").at(-1)?.replace(/\.$/, "");
    expect(second).toContain(lastSentence);
  });

  it("splits Markdown at headings so a section starts its chunk", () => {
    const section = (name: string) => `## ${name}\n\n${"Some words about it. ".repeat(12)}`;
    const chunks = splitText(
      `# Title\n\n${section("Alpha")}\n\n${section("Beta")}`,
      { chunkSize: 300, chunkOverlap: 0 },
      true,
    );
    expect(chunks.some((chunk) => chunk.startsWith("## Beta"))).toBe(true);
  });

  it("rejects an overlap as large as the chunk", () => {
    expect(() => splitText("x", { chunkSize: 100, chunkOverlap: 100 })).toThrow(RangeError);
  });

  // Issue 13, defect 7: a 200 MB text file failed with "Maximum call stack size exceeded" (a spread push of
  // about 250,000 passages). The same number of passages, from a small text and small chunks.
  it("splits a text into 300,000 passages without overflowing the call stack", () => {
    const chunks = splitText("abcdefgh\n\n".repeat(300_000), { chunkSize: 10, chunkOverlap: 0 });
    expect(chunks).toHaveLength(300_000);
    expect(chunks[299_999]).toBe("abcdefgh");
  });
});
