/**
 * Where a server's OAuth state outlives the process: its client registration and its tokens. One record
 * per server, bound to the server's URL, so a token is never sent to a server the entry no longer names.
 * A DPoP private key is kept with the tokens it binds. The PKCE verifier and discovery state live only in the provider: the redirect comes back to the same
 * process (loopback or a pasted URL).
 */
import { z } from "zod";
import { storedDpopKeySchema } from "./dpop-key.js";

const storedClientSchema = z.looseObject({
  client_id: z.string().min(1),
  client_secret: z.string().optional(),
  client_id_issued_at: z.number().optional(),
  client_secret_expires_at: z.number().optional(),
  redirect_uris: z.array(z.string()).optional(),
  issuer: z.string().optional(),
});

const storedTokensSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string(),
  id_token: z.string().optional(),
  expires_in: z.number().optional(),
  scope: z.string().optional(),
  refresh_token: z.string().optional(),
  issuer: z.string().optional(),
});

export const oauthRecordSchema = z.looseObject({
  /** The server URL the record belongs to. */
  serverUrl: z.string(),
  /** The loopback port of the redirect URI, kept so a registered redirect URI stays valid. */
  redirectPort: z.number().int().positive().optional(),
  /** A client this store registered (dynamic registration); a configured client is never stored. */
  client: storedClientSchema.optional(),
  tokens: storedTokensSchema.optional(),
  /** When the access token stops being valid (ms since the epoch), from `expires_in` at save time. */
  expiresAt: z.number().optional(),
  /** The DPoP key the tokens are bound to (src/mcp/oauth/dpop-key.ts). */
  dpopKey: storedDpopKeySchema.optional(),
});

export type OAuthRecord = z.infer<typeof oauthRecordSchema>;
export type StoredClient = z.infer<typeof storedClientSchema>;
export type StoredTokens = z.infer<typeof storedTokensSchema>;

/** Per-server OAuth records. The real one is `FileOAuthStore`; tests may use `MemoryOAuthStore`. */
export interface OAuthStore {
  load(server: string): OAuthRecord | undefined;
  save(server: string, record: OAuthRecord): void;
  /** Forgets the server's record; true when there was one. */
  remove(server: string): boolean;
}

/** The in-memory double: the same contract, nothing on disk. */
export class MemoryOAuthStore implements OAuthStore {
  private readonly records = new Map<string, OAuthRecord>();

  load(server: string): OAuthRecord | undefined {
    const record = this.records.get(server);
    return record === undefined ? undefined : structuredClone(record);
  }

  save(server: string, record: OAuthRecord): void {
    this.records.set(server, structuredClone(record));
  }

  remove(server: string): boolean {
    return this.records.delete(server);
  }
}
