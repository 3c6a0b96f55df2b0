/**
 * The `oidc` section: what it accepts and refuses, and the rule that picks one role from several groups.
 */
import { describe, expect, it } from "vitest";
import { resolveAccessPolicy } from "../../../src/serve/team/access-policy.js";
import { resolveOidcSettings } from "../../../src/serve/team/oidc-config.js";
import { groupsOf, roleForGroups } from "../../../src/serve/team/oidc-role.js";
import { scopesToAsk } from "../../../src/serve/team/oidc-settings.js";
import { UserError } from "../../../src/util/errors.js";

const policy = resolveAccessPolicy({
  roles: {
    approver: { approve: ["odoo/*"] },
    publisher: { publish: true },
    reader: { readOnly: true, approve: [] },
  },
});

const base = {
  issuer: "https://login.example.com/realms/acme",
  clientId: "agente",
  clientSecret: "s3cret-value-1",
};

function problem(section: unknown): string {
  try {
    resolveOidcSettings(section, policy, "/etc/agente.json");
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("the oidc section", () => {
  it("is absent without the section, and fills in its defaults", () => {
    expect(resolveOidcSettings(undefined, policy)).toBeUndefined();
    const settings = resolveOidcSettings(base, policy);
    expect(settings).toMatchObject({
      clientId: "agente",
      clientAuth: "client_secret_basic",
      scopes: undefined,
      groupsClaim: "groups",
      defaultRole: undefined,
      label: undefined,
      publicUrl: undefined,
    });
    expect(settings?.issuer.href).toBe("https://login.example.com/realms/acme");
    expect(settings?.roles.size).toBe(0);
  });

  it("refuses a role the access section does not have, naming where and the roles there are", () => {
    expect(problem({ ...base, roles: { staff: "memebr" } })).toBe(
      'oidc.roles.staff names the role "memebr", which the access section does not have: use one of admin, member, viewer, approver, publisher, reader',
    );
    expect(problem({ ...base, defaultRole: "guest" })).toContain('oidc.defaultRole names the role "guest"');
  });

  it("refuses plain http except on loopback, scopes without openid, a misspelt key and a missing secret", () => {
    expect(problem({ ...base, issuer: "http://login.example.com" })).toBe(
      "oidc.issuer http://login.example.com must use https (plain http only on loopback)",
    );
    expect(resolveOidcSettings({ ...base, issuer: "http://127.0.0.1:8081" }, policy)?.issuer.host).toBe(
      "127.0.0.1:8081",
    );
    expect(resolveOidcSettings({ ...base, clientAuth: "client_secret_post" }, policy)?.clientAuth).toBe(
      "client_secret_post",
    );
    expect(problem({ ...base, clientAuth: "private_key_jwt" })).toContain("oidc.clientAuth");
    expect(problem({ ...base, scopes: ["profile"] })).toBe('oidc.scopes must include "openid"');
    expect(problem({ ...base, groupClaim: "groups" })).toContain("groupClaim");
    expect(problem({ issuer: base.issuer, clientId: "agente" })).toContain("oidc.clientSecret");
  });

  it("asks for groups only when the provider offers that scope, and the configured scopes as written", () => {
    const settings = resolveOidcSettings(base, policy);
    if (settings === undefined) throw new Error("no settings");
    expect(scopesToAsk(settings, ["openid", "profile", "email", "groups"])).toBe(
      "openid profile email groups",
    );
    expect(scopesToAsk(settings, ["openid", "profile"])).toBe("openid profile email");
    expect(scopesToAsk(settings, undefined)).toBe("openid profile email");
    const own = resolveOidcSettings({ ...base, scopes: ["openid", "roles"] }, policy);
    if (own === undefined) throw new Error("no settings");
    expect(scopesToAsk(own, ["groups"])).toBe("openid roles");
  });
});

describe("groups to a role", () => {
  const roles = new Map([
    ["readers", "reader"],
    ["staff", "member"],
    ["publishers", "publisher"],
    ["approvers", "approver"],
    ["it", "admin"],
  ]);
  const settings = { roles, defaultRole: undefined };

  it("gives the most powerful role: admin, then approving, then publishing, then read-write", () => {
    expect(roleForGroups(["readers", "it", "staff"], settings, policy)).toBe("admin");
    expect(roleForGroups(["publishers", "approvers"], settings, policy)).toBe("approver");
    expect(roleForGroups(["staff", "publishers"], settings, policy)).toBe("publisher");
    expect(roleForGroups(["readers", "staff"], settings, policy)).toBe("member");
    expect(roleForGroups(["readers"], settings, policy)).toBe("reader");
  });

  it("among equals, the group written first; no mapped group: the default role, or none", () => {
    const twins = {
      roles: new Map([
        ["b", "member"],
        ["a", "publisher"],
        ["c", "publisher"],
      ]),
      defaultRole: undefined,
    };
    const samePower = resolveAccessPolicy({
      roles: { publisher: { publish: true }, editor: { publish: true } },
    });
    expect(roleForGroups(["c", "a"], twins, samePower)).toBe("publisher");
    const editors = {
      roles: new Map([
        ["e", "editor"],
        ["p", "publisher"],
      ]),
      defaultRole: undefined,
    };
    expect(roleForGroups(["p", "e"], editors, samePower)).toBe("editor");
    expect(roleForGroups(["nobody"], settings, policy)).toBeUndefined();
    expect(roleForGroups([], { roles, defaultRole: "viewer" }, policy)).toBe("viewer");
  });

  it("reads the groups claim as a list, a single string, or a dotted path into an object", () => {
    expect(groupsOf({ groups: ["a", 3, "b"] }, "groups")).toEqual(["a", "b"]);
    expect(groupsOf({ groups: "solo" }, "groups")).toEqual(["solo"]);
    expect(groupsOf({ realm_access: { roles: ["staff"] } }, "realm_access.roles")).toEqual(["staff"]);
    expect(groupsOf({ "https://acme.example/groups": ["x"] }, "https://acme.example/groups")).toEqual(["x"]);
    expect(groupsOf({ groups: { not: "a list" } }, "groups")).toEqual([]);
    expect(groupsOf({}, "groups")).toEqual([]);
  });
});
