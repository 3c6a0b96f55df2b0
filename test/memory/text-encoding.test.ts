/** Text files in any common encoding are read right; binary content is refused with the reason, whatever the name. */
import { describe, expect, it } from "vitest";
import { inEnglish } from "../../src/i18n/localised.js";
import { decodeText } from "../../src/memory/text-encoding.js";

const SPANISH = "La facturación del Señor Muñoz está pendiente.\nAño 2026: “cobro” de 5 € en mayo.\n";

function decoded(bytes: Uint8Array): { text: string; encoding: string } {
  const result = decodeText(bytes);
  if (!result.ok) throw new Error(inEnglish(result.reason));
  return { text: result.text, encoding: result.encoding };
}

function windows1252(text: string): Uint8Array {
  const special: Record<string, number> = { "€": 0x80, "“": 0x93, "”": 0x94 };
  return Uint8Array.from([...text].map((char) => special[char] ?? char.charCodeAt(0)));
}

describe("decodeText", () => {
  it("UTF-8 without and with BOM", () => {
    expect(decoded(Buffer.from(SPANISH, "utf8"))).toEqual({ text: SPANISH, encoding: "utf-8" });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SPANISH, "utf8")]);
    expect(decoded(withBom)).toEqual({ text: SPANISH, encoding: "utf-8" });
  });

  it("UTF-16 LE and BE, with a BOM and without", () => {
    const le = Buffer.from(SPANISH, "utf16le");
    const be = Buffer.from(SPANISH, "utf16le").swap16();
    expect(decoded(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual({
      text: SPANISH,
      encoding: "utf-16le",
    });
    expect(decoded(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({
      text: SPANISH,
      encoding: "utf-16be",
    });
    expect(decoded(le)).toEqual({ text: SPANISH, encoding: "utf-16le" });
    expect(decoded(be)).toEqual({ text: SPANISH, encoding: "utf-16be" });
  });

  it("Windows-1252 (with € and curly quotes) and plain Latin-1", () => {
    expect(decoded(windows1252(SPANISH))).toEqual({ text: SPANISH, encoding: "windows-1252" });
    const latin1 = "Señor Muñoz: la facturación de diciembre.\n";
    expect(decoded(Buffer.from(latin1, "latin1")).text).toBe(latin1);
  });

  it("binary content is refused with the reason", () => {
    const withNul = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0x00, 0x01, 0x02, 0x00, 0x03,
    ]);
    const refused = decodeText(withNul);
    expect(refused.ok ? "" : inEnglish(refused.reason)).toBe("binary content (NUL bytes), not text");
    // Pseudo-random bytes without NUL: control characters give them away.
    let seed = 7;
    const random = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return (seed % 255) + 1;
    });
    const result = decodeText(random);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : inEnglish(result.reason)).toMatch(
      /^binary content \(\d+% control characters\), not text$/,
    );
  });
});
