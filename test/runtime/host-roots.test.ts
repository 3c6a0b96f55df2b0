/** The roots agente offers: the working folder, the `roots` key (relative to the config file), filesystem folders. */
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/config-error.js";
import { parseServerEntry } from "../../src/config/server-config.js";
import { hostRoots } from "../../src/runtime/host-roots.js";

describe("hostRoots", () => {
  it("lists the working folder, the configured roots and each filesystem server's folders, once each", () => {
    const parsed = parseServerEntry("archivos", {
      command: "npx",
      args: ["-y", "@modelcontextprotocol/server-filesystem", "/srv/datos"],
    });
    if (!parsed.ok) throw new Error(parsed.problem);
    const roots = hostRoots(
      {
        file: "/home/ana/proyecto/agente.json",
        servers: [parsed.config],
        settings: { roots: ["docs", "/srv/datos"] },
        env: {},
      },
      "/home/ana/proyecto",
    );
    expect(roots).toEqual([
      { uri: "file:///home/ana/proyecto", name: "/home/ana/proyecto" },
      { uri: "file:///home/ana/proyecto/docs", name: "/home/ana/proyecto/docs" },
      { uri: "file:///srv/datos", name: "/srv/datos" },
    ]);
  });

  it("refuses a roots key that is not a list of paths", () => {
    expect(() =>
      hostRoots({ file: "/tmp/agente.json", servers: [], settings: { roots: "docs" }, env: {} }, "/tmp"),
    ).toThrow(ConfigError);
  });
});
