/**
 * From the provider's claims to a role: the person's groups (the `groupsClaim`), the roles those groups
 * map to, and the one role they get.
 *
 * The rule when several groups map to different roles: the person gets the role with the most power.
 * Roles are compared in this order, the first difference deciding: an administrator role (`admin: true`)
 * first; then the role that may approve more tool patterns; then one that may publish to the shared
 * memory; then a read-write role before a read-only one. Roles still equal: the one whose group comes
 * first in `oidc.roles`. No mapped group: `defaultRole`, or none (the sign-in is refused).
 */
import { z } from "zod";
import { type AccessPolicy, type Role, roleNamed } from "./access-policy.js";
import type { OidcSettings } from "./oidc-settings.js";

const claimObject = z.record(z.string(), z.unknown());
const groupsValue = z.union([z.array(z.unknown()), z.string()]);

/**
 * The groups in `claims[claimName]`; a dotted name that is not itself a claim is followed into nested
 * objects (Keycloak's `realm_access.roles`). A single string counts as one group; non-strings are skipped.
 */
export function groupsOf(claims: Readonly<Record<string, unknown>>, claimName: string): string[] {
  let value: unknown = claims[claimName];
  if (value === undefined && claimName.includes(".")) {
    value = claims;
    for (const part of claimName.split(".")) {
      const object = claimObject.safeParse(value);
      value = object.success ? object.data[part] : undefined;
    }
  }
  const parsed = groupsValue.safeParse(value);
  if (!parsed.success) return [];
  const list = typeof parsed.data === "string" ? [parsed.data] : parsed.data;
  return list.filter((group): group is string => typeof group === "string");
}

/** The role for these groups by the rule above, or undefined when none maps and there is no default. */
export function roleForGroups(
  groups: readonly string[],
  settings: Pick<OidcSettings, "roles" | "defaultRole">,
  policy: AccessPolicy,
): string | undefined {
  const candidates: Role[] = [];
  for (const [group, roleName] of settings.roles)
    if (groups.includes(group)) candidates.push(roleNamed(policy, roleName));
  if (candidates.length === 0) return settings.defaultRole;
  // A stable sort keeps the config's order among equals.
  return candidates.sort(byPower)[0]?.name;
}

function byPower(a: Role, b: Role): number {
  return (
    Number(b.admin) - Number(a.admin) ||
    b.approve.length - a.approve.length ||
    Number(b.publish) - Number(a.publish) ||
    Number(a.readOnly) - Number(b.readOnly)
  );
}
