/** A server started with npx that npm cannot fetch: its status shows npm's meaningful line, not the banner. */
import { describe, expect, it } from "vitest";
import { meaningfulNpmLine } from "../../src/mcp/npm-noise.js";
import { StderrTail } from "../../src/mcp/stderr-tail.js";

// What npm 10 prints for `npx -y` of a package the registry does not have.
const NPM_404 = [
  "npm error code E404",
  "npm error 404 Not Found - GET https://registry.npmjs.org/@modelcontextprotocol%2fserver-nope - Not found",
  "npm error 404",
  "npm error 404  '@modelcontextprotocol/server-nope@*' is not in this registry.",
  "npm error 404",
  "npm error 404 Note that you can also install from a",
  "npm error 404 tarball, folder, http url, or git url.",
  "npm error A complete log of this run can be found in: /root/.npm/_logs/2026-12-07T12_00_00_000Z-debug-0.log",
  "",
].join("\n");

describe("npm's noise", () => {
  it("a 404: the 'not in this registry' line", () => {
    const tail = new StderrTail();
    tail.write(NPM_404);
    expect(tail.lastLines()).toBe("404  '@modelcontextprotocol/server-nope@*' is not in this registry.");
  });

  it("another npm failure: its first line that is not boilerplate", () => {
    expect(
      meaningfulNpmLine([
        "npm error code ENOTFOUND",
        "npm error syscall getaddrinfo",
        "npm error errno ENOTFOUND",
        "npm error network request to https://registry.npmjs.org/x failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org",
        "npm error A complete log of this run can be found in: /root/.npm/_logs/x.log",
      ]),
    ).toBe(
      "network request to https://registry.npmjs.org/x failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org",
    );
  });

  it("no npm lines: nothing to say (the server's own error line is kept)", () => {
    expect(meaningfulNpmLine(["Error: boom", "    at main (x.js:1:1)", "Node.js v20.20.2"])).toBeUndefined();
    const tail = new StderrTail();
    tail.write("Error: boom\n    at main (x.js:1:1)\nNode.js v20.20.2\n");
    expect(tail.lastLines()).toBe("Error: boom");
  });
});
