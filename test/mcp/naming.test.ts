import { describe, expect, it } from "vitest";
import { closeMatches, exposeNames, sanitizeName } from "../../src/mcp/naming.js";

describe("tool naming", () => {
  it("sanitises names to [a-zA-Z0-9_-]{1,64}", () => {
    expect(sanitizeName("maps.search places")).toBe("maps_search_places");
    expect(sanitizeName("x".repeat(80))).toHaveLength(64);
    expect(sanitizeName("")).toBe("_");
  });

  it("keeps unique names and prefixes clashing ones on every server that offers them", () => {
    const names = exposeNames([
      { server: "fs", originalName: "read_file" },
      { server: "fs", originalName: "search" },
      { server: "memory", originalName: "search" },
    ]);
    expect(names).toEqual(["read_file", "fs__search", "memory__search"]);
  });

  it("keeps names unique when sanitising makes them collide", () => {
    const names = exposeNames([
      { server: "a", originalName: "get.item" },
      { server: "a", originalName: "get_item" },
    ]);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it("suggests close matches, including a prefixed name for a bare one", () => {
    const known = ["consultar_empresa", "obtener_cliente", "odoo__search", "fs__search"];
    expect(closeMatches("consultar_empresas", known)).toEqual(["consultar_empresa"]);
    expect(closeMatches("search", known)).toEqual(["fs__search", "odoo__search"]);
    expect(closeMatches("weather", known)).toEqual([]);
  });
});
