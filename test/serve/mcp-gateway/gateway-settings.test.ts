import { describe, expect, it } from "vitest";
import { resolveGatewaySettings } from "../../../src/serve/mcp-gateway/gateway-settings.js";
import { UserError } from "../../../src/util/errors.js";

describe("mcpGateway settings", () => {
  it("defaults to confirmation required, 100 sessions, 10 per person, 5 idle minutes", () => {
    expect(resolveGatewaySettings(undefined)).toEqual({
      allowUnconfirmed: false,
      maxSessions: 100,
      maxSessionsPerPerson: 10,
      sessionIdleMs: 300_000,
    });
  });

  it("reads the section, and --yes overrides allowUnconfirmed", () => {
    const section = {
      allowUnconfirmed: ["odoo"],
      maxSessions: 5,
      maxSessionsPerPerson: 2,
      sessionIdleMinutes: 2,
    };
    expect(resolveGatewaySettings(section)).toEqual({
      allowUnconfirmed: ["odoo"],
      maxSessions: 5,
      maxSessionsPerPerson: 2,
      sessionIdleMs: 120_000,
    });
    expect(resolveGatewaySettings(section, { allowUnconfirmed: true }).allowUnconfirmed).toBe(true);
  });

  it("names the bad key", () => {
    expect(() => resolveGatewaySettings({ allowUnconfirmed: "yes" })).toThrow(UserError);
    expect(() => resolveGatewaySettings({ allowUnconfirmd: true })).toThrow(
      /invalid config key mcpGateway\.allowUnconfirmd: unknown key "allowUnconfirmd"; did you mean "allowUnconfirmed"\?/,
    );
  });
});
