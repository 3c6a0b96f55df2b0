/**
 * A sign-in between the redirect to the provider and its return: the state, nonce and PKCE verifier,
 * kept in the browser in a short-lived HttpOnly cookie rather than in this process, so any replica that
 * shares the config can finish it. The cookie is sealed (AES-256-GCM, a key derived from the client
 * secret): the browser can neither read the verifier nor forge a pending sign-in.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { z } from "zod";

export const PENDING_COOKIE = "agente_oidc";
/** A sign-in left at the provider longer than this starts again. */
export const PENDING_LIFETIME_SECONDS = 600;

const pendingShape = z.looseObject({
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(1),
  /** Seconds since the epoch. */
  issuedAt: z.number(),
});

export type PendingLogin = z.infer<typeof pendingShape>;

function sealingKey(clientSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", clientSecret, "agente-oidc", "pending-login", 32));
}

export function sealPending(login: PendingLogin, clientSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(clientSecret), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(login), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
}

/** The pending sign-in, or undefined when the cookie is missing, altered, sealed by another secret or too old. */
export function openPending(
  value: string | undefined,
  clientSecret: string,
  nowSeconds: number,
): PendingLogin | undefined {
  if (value === undefined) return undefined;
  const bytes = Buffer.from(value, "base64url");
  if (bytes.length < 29) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(clientSecret), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
    const parsed = pendingShape.safeParse(JSON.parse(text));
    if (!parsed.success) return undefined;
    const age = nowSeconds - parsed.data.issuedAt;
    return age >= 0 && age <= PENDING_LIFETIME_SECONDS ? parsed.data : undefined;
  } catch {
    // A failed authentication tag is what an altered or foreign cookie looks like: not a sign-in of ours.
    return undefined;
  }
}

/** The cookie for the callback: `SameSite=Lax`, since the provider sends the browser back cross-site. */
export function pendingCookie(value: string, secure: boolean): string {
  const attributes = ["Path=/auth/oidc", "HttpOnly", "SameSite=Lax", `Max-Age=${PENDING_LIFETIME_SECONDS}`];
  if (secure) attributes.push("Secure");
  return `${PENDING_COOKIE}=${value}; ${attributes.join("; ")}`;
}

/** Clears the pending cookie once the callback has used it (whatever the outcome). */
export function clearedPendingCookie(secure: boolean): string {
  return `${PENDING_COOKIE}=; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}
