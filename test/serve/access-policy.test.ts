import { describe, expect, it } from "vitest";
import {
  matchesPatterns,
  resolveAccessPolicy,
  roleMayApprove,
  roleNamed,
  roleSeesTool,
} from "../../src/serve/team/access-policy.js";

const write = { server: "odoo", originalName: "crear_registro", annotations: { destructiveHint: true } };
const read = { server: "odoo", originalName: "buscar_registros", annotations: { readOnlyHint: true } };
const files = { server: "files", originalName: "write_file", annotations: { destructiveHint: true } };

describe("access policy", () => {
  it("has admin, member and viewer by default", () => {
    const policy = resolveAccessPolicy(undefined);
    expect([...policy.roles.keys()]).toEqual(["admin", "member", "viewer"]);
    const admin = roleNamed(policy, "admin");
    const member = roleNamed(policy, "member");
    const viewer = roleNamed(policy, "viewer");
    expect([roleSeesTool(admin, write), roleMayApprove(admin, write)]).toEqual([true, true]);
    expect([roleSeesTool(member, write), roleMayApprove(member, write)]).toEqual([true, false]);
    expect([roleSeesTool(viewer, write), roleSeesTool(viewer, read)]).toEqual([false, true]);
    expect(policy.approvalTimeoutMs).toBe(86_400_000);
  });

  it("reads roles from the config, with exclusions where the last match wins", () => {
    const policy = resolveAccessPolicy({
      roles: { member: { approve: ["*", "!odoo/*"] }, clerk: { tools: ["odoo/*"], publish: true } },
      approvalTimeoutMinutes: 30,
    });
    const member = roleNamed(policy, "member");
    expect([roleMayApprove(member, write), roleMayApprove(member, files)]).toEqual([false, true]);
    const clerk = roleNamed(policy, "clerk");
    expect([roleSeesTool(clerk, write), roleSeesTool(clerk, files), clerk.publish]).toEqual([
      true,
      false,
      true,
    ]);
    expect(policy.approvalTimeoutMs).toBe(1_800_000);
    expect(matchesPatterns(["odoo/crear_*"], write)).toBe(true);
    expect(matchesPatterns(["odoo.crear"], { server: "odooxcrear", originalName: "" })).toBe(false);
  });

  it("names an unknown role and a misspelt key", () => {
    const policy = resolveAccessPolicy(undefined);
    expect(() => roleNamed(policy, "boss")).toThrow('unknown role "boss": use one of admin, member, viewer');
    expect(() => resolveAccessPolicy({ roles: { member: { aprove: [] } } })).toThrow(/aprove/);
  });
});
