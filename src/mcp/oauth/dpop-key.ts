/**
 * The DPoP key (RFC 9449 / SEP-1932) of one server's sign-in. A DPoP-bound token is usable only with the
 * key it was bound to, and agente's tokens outlive the process, so the key is kept with them: generated
 * by the SDK (`generateDpopKeyPair`, ES256, exportable only for this), stored as a JWK in the server's
 * OAuth record (the same 0600 file as the tokens), and dropped with the record (`agente logout`) or when
 * the SDK forgets every credential. Proofs, nonces and the `DPoP` scheme are the SDK's (`DpopSession`).
 */
import { createHash, webcrypto } from "node:crypto";
import { type DpopKeyPair, DpopSession, generateDpopKeyPair } from "@modelcontextprotocol/client";
import { z } from "zod";

const EC_CURVE = { name: "ECDSA", namedCurve: "P-256" } as const;

/** The stored form: an ES256 private key as a JWK (its public half is `x`/`y`). */
export const storedDpopKeySchema = z.looseObject({
  alg: z.literal("ES256"),
  jwk: z.looseObject({
    kty: z.literal("EC"),
    crv: z.literal("P-256"),
    x: z.string(),
    y: z.string(),
    d: z.string(),
  }),
});
export type StoredDpopKey = z.infer<typeof storedDpopKeySchema>;

/** A new key, with the form to store. */
export async function newDpopKey(): Promise<{ session: DpopSession; stored: StoredDpopKey }> {
  const pair = await generateDpopKeyPair({ alg: "ES256", extractable: true });
  const jwk = storedDpopKeySchema.shape.jwk.parse(await webcrypto.subtle.exportKey("jwk", pair.privateKey));
  const stored: StoredDpopKey = { alg: "ES256", jwk };
  return { session: await restoreDpopSession(stored), stored };
}

/** The session of a stored key (its private key not extractable again once loaded). */
export async function restoreDpopSession(stored: StoredDpopKey): Promise<DpopSession> {
  const { kty, crv, x, y, d } = stored.jwk;
  const publicJwk = { kty, crv, x, y };
  const keyPair: DpopKeyPair = {
    privateKey: await webcrypto.subtle.importKey("jwk", { ...publicJwk, d }, EC_CURVE, false, ["sign"]),
    publicKey: await webcrypto.subtle.importKey("jwk", publicJwk, EC_CURVE, true, ["verify"]),
    publicJwk,
    thumbprint: jwkThumbprint(publicJwk),
    alg: "ES256",
  };
  return DpopSession.create({ keyPair });
}

/** RFC 7638: SHA-256 of the required members in lexicographic order, base64url. */
export function jwkThumbprint(jwk: { kty: string; crv: string; x: string; y: string }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash("sha256").update(canonical).digest("base64url");
}

/** Whether the authorization server's metadata says it binds tokens to ES256 DPoP proofs. */
export function serverOffersDpop(metadata: unknown): boolean {
  // Asked before every request to the server (the SDK's DPoP fetch wrapper): no metadata, no schema run.
  if (metadata === undefined) return false;
  const algs = dpopAlgorithmsSchema.safeParse(metadata);
  return algs.success && algs.data.dpop_signing_alg_values_supported.includes("ES256");
}

const dpopAlgorithmsSchema = z.looseObject({ dpop_signing_alg_values_supported: z.array(z.string()) });
