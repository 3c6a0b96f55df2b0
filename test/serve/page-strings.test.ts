/**
 * The page's text comes from the catalogue's page table: the server embeds it, in the page's language, as
 * JSON in the HTML; the bundled script carries no catalogue.
 */
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageMessages } from "../../src/i18n/messages/page.js";
import { embeddedPageStrings, pageStrings } from "../../src/serve/page-strings.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

function embedded(html: string): Record<string, string> {
  const match = /<script type="application\/json" id="page-strings">(.*?)<\/script>/s.exec(html);
  return JSON.parse(match?.[1] ?? "null");
}

describe("the page's strings", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it("embeds the page table in the chosen language, every key of it", async () => {
    const spanish = embedded(await (await fetch(`${app.url}/?lang=es`)).text());
    expect(Object.keys(spanish)).toEqual(Object.keys(pageMessages));
    expect(spanish["page.send"]).toBe("Enviar");
    expect(spanish["page.step"]).toBe("Paso {n}: {tool}");
    const english = embedded(await (await fetch(`${app.url}/?lang=en`)).text());
    expect(english["page.send"]).toBe("Send");
    expect(english).toEqual(pageStrings("en"));
  });

  it("cannot close its script element, whatever the text", () => {
    expect(embeddedPageStrings("es")).not.toContain("<");
    expect(JSON.parse(embeddedPageStrings("es"))).toEqual(pageStrings("es"));
  });

  it("keeps the catalogue out of the bundle (npm run build makes it, as for the Chromium tests)", () => {
    const bundle = new URL("../../dist/serve/page/app.js", import.meta.url);
    expect(existsSync(bundle)).toBe(true);
    const script = readFileSync(bundle, "utf8");
    expect(script).not.toContain("Conversaciones");
    expect(script).not.toContain(pageMessages["page.dropHere"].en);
  });
});
