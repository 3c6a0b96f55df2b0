/**
 * Whether the provider's discovery document can be fetched: said in one line by `agente serve` at start
 * (which goes on without it: a later sign-in tries again) and by `agente doctor`.
 */
import type { Translator } from "../../i18n/translator.js";
import { errorMessage } from "../../util/errors.js";
import { Redactor } from "../../util/secret-redaction.js";
import type { OidcClient } from "./oidc-client.js";
import type { OidcSettings } from "./oidc-settings.js";

export interface IssuerCheck {
  ok: boolean;
  line: string;
}

export async function checkIssuer(
  client: OidcClient,
  settings: OidcSettings,
  t: Translator,
): Promise<IssuerCheck> {
  const issuer = settings.issuer.href;
  try {
    await client.discover();
    return { ok: true, line: t("oidc.issuerReady", { issuer }) };
  } catch (error) {
    const reason = new Redactor([settings.clientSecret]).text(errorMessage(error));
    return { ok: false, line: t("oidc.issuerUnreachable", { issuer, reason }) };
  }
}
