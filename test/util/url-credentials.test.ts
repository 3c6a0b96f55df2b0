/** The one home of URLs with credentials: basic auth instead, shown without them, their password forms. */
import { describe, expect, it } from "vitest";
import {
  credentialsAsHeader,
  displayUrl,
  moveCredentialsToHeader,
  urlPasswordForms,
} from "../../src/util/url-credentials.js";

const BASIC = `Basic ${Buffer.from("ana:p@ss w0rd").toString("base64")}`;

describe("URLs with credentials", () => {
  it("move them to a Basic header, for fetch and for a header record; an explicit header wins", () => {
    const moved = moveCredentialsToHeader("https://ana:p%40ss%20w0rd@erp.example/mcp?x=1", {
      method: "POST",
    });
    expect(moved.url).toBe("https://erp.example/mcp?x=1");
    expect(new Headers(moved.init.headers).get("authorization")).toBe(BASIC);
    expect(moved.init.method).toBe("POST");
    expect(credentialsAsHeader("https://ana:p%40ss%20w0rd@erp.example/mcp", { "x-team": "a" })).toEqual({
      url: "https://erp.example/mcp",
      headers: { "x-team": "a", authorization: BASIC },
    });
    expect(
      credentialsAsHeader("https://ana:p%40ss%20w0rd@erp.example/mcp", { Authorization: "Bearer t" }),
    ).toEqual({ url: "https://erp.example/mcp", headers: { Authorization: "Bearer t" } });
  });

  it("leave a URL without credentials (or not a URL) as it is", () => {
    expect(credentialsAsHeader("http://127.0.0.1:3000/mcp")).toEqual({
      url: "http://127.0.0.1:3000/mcp",
      headers: {},
    });
    expect(moveCredentialsToHeader("not a url").url).toBe("not a url");
  });

  it("show without user info, query string or fragment", () => {
    expect(displayUrl("https://ana:secreto@mirror.example/models/m.gguf?token=abc#x")).toBe(
      "https://mirror.example/models/m.gguf",
    );
    expect(displayUrl("postgres://agente:s3cret@db:5432/memoria?sslmode=require")).toBe(
      "postgres://db:5432/memoria",
    );
    expect(displayUrl("http://localhost:11434/")).toBe("http://localhost:11434");
    expect(displayUrl("::")).toBe("(invalid URL)");
  });

  it("give their password as written and decoded, for the redactor", () => {
    expect(urlPasswordForms("postgres://app:Pg%40ss@db/erp")).toEqual(["Pg%40ss", "Pg@ss"]);
    expect(urlPasswordForms("http://u:p4ss@gpu.local:11434")).toEqual(["p4ss"]);
    expect(urlPasswordForms("http://u:pw@host")).toBeUndefined();
    expect(urlPasswordForms("http://solo-usuario@host")).toBeUndefined();
    expect(urlPasswordForms("http://host/a@b")).toBeUndefined();
  });
});
