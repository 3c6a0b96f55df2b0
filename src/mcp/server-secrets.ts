/**
 * The secrets a server's own config entry holds: secret-named `env` values, credentials inside URLs
 * (in `env`, `args` or the server's `url`), and authorization headers. The hub hides them, with the
 * host's, from everything that leaves it.
 */
import { oauthSecrets } from "../config/oauth-entry.js";
import type { ServerConfig } from "../config/server-config.js";
import { secretsInValue } from "../util/secret-redaction.js";
import { urlPasswordForms } from "../util/url-credentials.js";

export function serverSecrets(configs: readonly ServerConfig[]): string[] {
  const secrets: string[] = [];
  for (const config of configs) {
    if (config.transport === "stdio") {
      for (const [name, value] of Object.entries(config.env)) secrets.push(...secretsInValue(name, value));
      for (const argument of config.args) {
        const credentials = urlPasswordForms(argument);
        if (credentials !== undefined) secrets.push(argument, ...credentials);
      }
    } else {
      for (const [name, value] of Object.entries(config.headers))
        secrets.push(...secretsInValue(name, value));
      const credentials = urlPasswordForms(config.url);
      if (credentials !== undefined) secrets.push(config.url, ...credentials);
      // OAuth (src/mcp/oauth): the configured client secret and signing key; tokens are learnt as they come.
      secrets.push(...oauthSecrets(config.oauth));
    }
  }
  return secrets;
}
