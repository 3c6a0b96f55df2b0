import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kindForPath, looksLikeText, parseDocument } from "../../src/memory/parsers.js";

const corpus = join(import.meta.dirname, "../fixtures/memory/corpus");

async function parse(file: string) {
  const path = join(corpus, file);
  const kind = kindForPath(path);
  if (kind === undefined) return undefined;
  return parseDocument(await readFile(path), kind);
}

describe("parseDocument", () => {
  it("extracts the text and title of a PDF", async () => {
    const parsed = await parse("informe.pdf");
    expect(parsed?.kind).toBe("pdf");
    expect(parsed?.text).toContain("4.500 toneladas de aceitunas");
    expect(parsed?.title).toBe("Informe de la cooperativa");
  });

  it("extracts the paragraphs of a DOCX", async () => {
    const parsed = await parse("parking.docx");
    expect(parsed?.text).toContain("underground garage from 7:00 to 20:00");
  });

  it("turns HTML into text without scripts, styles or navigation, keeping the title", async () => {
    const parsed = await parse("page.html");
    expect(parsed?.text).toContain("9:00 a 21:00");
    expect(parsed?.text).not.toMatch(/no indexar|color: red|Contacto/);
    expect(parsed?.title).toBe("Horario de la biblioteca");
  });

  it("reads Markdown with its first heading as title, CSV and JSON as text", async () => {
    expect((await parse("guide.md"))?.title).toBe("Kitchen guide");
    expect((await parse("clientes.csv"))?.text).toContain("Ferretería Ruiz,Zaragoza");
    expect((await parse("settings.json"))?.text).toContain('"owner": "equipo de plataforma"');
  });

  it("refuses binaries by extension or by content", async () => {
    expect(kindForPath("/x/logo.png")).toBeUndefined();
    expect(await parse("blob.dat")).toBeUndefined();
    expect(looksLikeText(new TextEncoder().encode("ñandú y café ✓"))).toBe(true);
  });
});
