/** ODOO_URL pointing at something that is not Odoo: said as such, not `Odoo failed on version: HTTP 501`. */
import { describe, expect, it } from "vitest";
import { detectServer } from "../../src/odoo/connect.js";
import { HttpClient } from "../../src/odoo/http.js";
import { OdooError } from "../../src/odoo/odoo-error.js";

/** A fetch that answers every request as a plain web server that is no Odoo would. */
function webServer(status: number, body: string, contentType = "text/html") {
  const asked: string[] = [];
  const fetch = async (input: string, init?: RequestInit) => {
    asked.push(`${init?.method ?? "GET"} ${input}`);
    return new Response(body, { status, headers: { "content-type": contentType } });
  };
  return { fetch, asked };
}

describe("a URL that is not Odoo", () => {
  it("HTTP 501 to XML-RPC and to /web/version: does not look like Odoo, check ODOO_URL", async () => {
    const server = webServer(501, "<html>Not Implemented</html>");
    const error = await detectServer(
      new HttpClient({ fetch: server.fetch, timeoutMs: 3000 }),
      "http://files.example:8000",
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OdooError);
    expect((error as OdooError).message).toBe(
      "http://files.example:8000 does not look like Odoo: it answers neither XML-RPC's version call nor /web/version as Odoo does.",
    );
    expect((error as OdooError).hint).toMatch(/^Check ODOO_URL: it must be the root of an Odoo server/);
    expect(server.asked).toEqual([
      "POST http://files.example:8000/xmlrpc/2/common",
      "GET http://files.example:8000/web/version",
    ]);
  });

  it("a web page (HTTP 200, HTML) everywhere: does not look like Odoo", async () => {
    const server = webServer(200, "<html><body>Welcome to nginx!</body></html>");
    const error = await detectServer(
      new HttpClient({ fetch: server.fetch, timeoutMs: 3000 }),
      "http://files.example:8000",
    ).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/^http:\/\/files\.example:8000 does not look like Odoo: /);
  });
});
