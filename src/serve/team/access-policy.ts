/**
 * Roles: the `access` section of agente.json. A role says which servers and tools a person sees, which
 * destructive tools they may approve (for themselves, and for others as an approver), whether they may
 * publish to the shared memory, and whether they administer people and read the audit trail.
 *
 * Tool patterns are `server/tool`, with `*` matching any run of characters (`odoo/*`, `*`); a leading `!`
 * excludes (`["*", "!odoo/*"]`: everything but Odoo). The last matching pattern wins.
 *
 * Defaults: `admin` sees and approves everything; `member` sees every tool and approves nothing
 * destructive (a destructive call waits for an approver); `viewer` sees read-only tools only.
 */
import { z } from "zod";
import { readConfigSection } from "../../llm/setting-layers.js";
import type { ExposedTool } from "../../mcp/tool-hub.js";
import { UserError } from "../../util/errors.js";

const patterns = z.array(z.string().min(1));

const roleSchema = z
  .object({
    /** Tools the role sees (patterns); default every tool. */
    tools: patterns.optional(),
    /** Only tools their server marks `readOnlyHint: true`. */
    readOnly: z.boolean().optional(),
    /** Destructive tools the role may approve (patterns); default none. */
    approve: patterns.optional(),
    /** May add documents to the shared company memory. */
    publish: z.boolean().optional(),
    /** Manages people and tokens of others, reads the whole audit trail. */
    admin: z.boolean().optional(),
  })
  .strict();

const accessSection = z
  .object({
    roles: z.record(z.string().min(1), roleSchema).optional(),
    /** An approval nobody decided is refused after this long; the model is told. */
    approvalTimeoutMinutes: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 60)
      .optional(),
  })
  .strict();

export interface Role {
  name: string;
  tools: readonly string[];
  readOnly: boolean;
  approve: readonly string[];
  publish: boolean;
  admin: boolean;
}

export interface AccessPolicy {
  roles: ReadonlyMap<string, Role>;
  approvalTimeoutMs: number;
}

export const DEFAULT_ROLES: readonly Role[] = [
  { name: "admin", tools: ["*"], readOnly: false, approve: ["*"], publish: true, admin: true },
  { name: "member", tools: ["*"], readOnly: false, approve: [], publish: false, admin: false },
  { name: "viewer", tools: ["*"], readOnly: true, approve: [], publish: false, admin: false },
];

export const DEFAULT_APPROVAL_TIMEOUT_MS = 24 * 60 * 60_000;

/** `section` is `config.settings.access`. A role named like a default replaces that default. */
export function resolveAccessPolicy(section: unknown, file?: string): AccessPolicy {
  const config = readConfigSection(accessSection, section, "access", file);
  const roles = new Map(DEFAULT_ROLES.map((role) => [role.name, role]));
  for (const [name, entry] of Object.entries(config.roles ?? {})) {
    roles.set(name, {
      name,
      tools: entry.tools ?? ["*"],
      readOnly: entry.readOnly ?? false,
      approve: entry.approve ?? [],
      publish: entry.publish ?? false,
      admin: entry.admin ?? false,
    });
  }
  return {
    roles,
    approvalTimeoutMs:
      config.approvalTimeoutMinutes === undefined
        ? DEFAULT_APPROVAL_TIMEOUT_MS
        : config.approvalTimeoutMinutes * 60_000,
  };
}

/** The role of that name; a person whose role the config no longer has gets an error that says so. */
export function roleNamed(policy: AccessPolicy, name: string): Role {
  const role = policy.roles.get(name);
  if (role === undefined)
    throw new UserError(`unknown role "${name}": use one of ${[...policy.roles.keys()].join(", ")}`);
  return role;
}

type ToolRef = Pick<ExposedTool, "server" | "originalName" | "annotations">;

/** Whether the role sees (and may call) the tool at all. */
export function roleSeesTool(role: Role, tool: ToolRef): boolean {
  if (role.readOnly && tool.annotations.readOnlyHint !== true) return false;
  return matchesPatterns(role.tools, tool);
}

/** Whether the role may approve a call of the tool (its own, or another person's as an approver). */
export function roleMayApprove(role: Role, tool: ToolRef): boolean {
  return roleSeesTool(role, tool) && matchesPatterns(role.approve, tool);
}

export function matchesPatterns(
  list: readonly string[],
  tool: Pick<ToolRef, "server" | "originalName">,
): boolean {
  const name = `${tool.server}/${tool.originalName}`;
  let matched = false;
  for (const pattern of list) {
    const negated = pattern.startsWith("!");
    if (globMatches(negated ? pattern.slice(1) : pattern, name)) matched = !negated;
  }
  return matched;
}

function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`).test(name);
}
