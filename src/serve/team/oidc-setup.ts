/**
 * Single sign-on as `agente serve` assembles it: the settings from agente.json (checked against the
 * access section's roles), the client, and the issuer check said at start.
 */
import type { LoadedConfig } from "../../config/load-config.js";
import { renderLocalised } from "../../i18n/localised.js";
import type { Translator } from "../../i18n/translator.js";
import { AgenteError, errorMessage } from "../../util/errors.js";
import { resolveAccessPolicy } from "./access-policy.js";
import type { AuditLog } from "./audit-log.js";
import { openIdClient } from "./oidc-client.js";
import { resolveOidcSettings } from "./oidc-config.js";
import { checkIssuer, type IssuerCheck } from "./oidc-issuer-check.js";
import type { OidcSignIn } from "./oidc-routes.js";
import type { OidcSettings } from "./oidc-settings.js";
import type { SignInSessions } from "./oidc-sign-in-sessions.js";

/** The `oidc` section, validated; undefined when agente.json has none. Throws a `UserError` when wrong. */
export function readOidcSettings(config: LoadedConfig): OidcSettings | undefined {
  const file = config.file;
  const policy = resolveAccessPolicy(config.settings.access, file);
  return resolveOidcSettings(config.settings.oidc, policy, file);
}

export interface OidcParts {
  /** The accounts and sessions single sign-on starts (identity's store). */
  sessions: SignInSessions | undefined;
  audit: AuditLog | undefined;
  log: (line: string) => void;
  t: Translator;
}

/**
 * What `createApp` takes as `oidc`, or undefined (no section, or no session store to sign in to: said on
 * the log). The issuer's discovery document is fetched now, in the background: when it cannot be reached,
 * one line says so; serve goes on, and the next sign-in tries again.
 */
export function startOidcSignIn(config: LoadedConfig, parts: OidcParts): OidcSignIn | undefined {
  const settings = readOidcSettings(config);
  if (settings === undefined) return undefined;
  const client = openIdClient(settings);
  void checkIssuer(client, settings, parts.t).then((check) => {
    if (!check.ok) parts.log(`! ${check.line}`);
  });
  if (parts.sessions === undefined || parts.audit === undefined) {
    parts.log(`! ${parts.t("oidc.notWired")}`);
    return undefined;
  }
  return {
    settings,
    client,
    sessions: parts.sessions,
    audit: parts.audit,
    policy: resolveAccessPolicy(config.settings.access, config.file),
    log: parts.log,
  };
}

/** `agente doctor`'s line: undefined without an `oidc` section; a wrong section is a finding too. */
export async function checkOidcIssuer(config: LoadedConfig, t: Translator): Promise<IssuerCheck | undefined> {
  let settings: OidcSettings | undefined;
  try {
    settings = readOidcSettings(config);
  } catch (error) {
    const text = error instanceof AgenteError ? error.text : undefined;
    return { ok: false, line: text === undefined ? errorMessage(error) : renderLocalised(text, t) };
  }
  return settings === undefined ? undefined : checkIssuer(openIdClient(settings), settings, t);
}
