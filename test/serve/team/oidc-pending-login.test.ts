/**
 * The sealed pending sign-in: it opens with the same secret within its lifetime, and not when altered,
 * sealed with another secret, too old, or from a clock that runs backwards.
 */
import { describe, expect, it } from "vitest";
import {
  openPending,
  PENDING_LIFETIME_SECONDS,
  sealPending,
} from "../../../src/serve/team/oidc-pending-login.js";

const SECRET = "pending-secret-value-1";
const login = { state: "st-1", nonce: "no-1", verifier: "ve-1", issuedAt: 1_000_000 };

describe("the pending sign-in cookie", () => {
  it("opens with the same secret, and holds neither the verifier nor the secret in the clear", () => {
    const sealed = sealPending(login, SECRET);
    expect(openPending(sealed, SECRET, login.issuedAt + 5)).toEqual(login);
    const bytes = Buffer.from(sealed, "base64url").toString("latin1");
    expect(bytes).not.toContain("ve-1");
    expect(sealed).not.toContain(SECRET);
  });

  it("does not open altered, foreign, expired or missing", () => {
    const sealed = sealPending(login, SECRET);
    const bytes = Buffer.from(sealed, "base64url");
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(openPending(bytes.toString("base64url"), SECRET, login.issuedAt)).toBeUndefined();
    expect(openPending(sealed, "another-secret-value", login.issuedAt)).toBeUndefined();
    expect(openPending(sealed, SECRET, login.issuedAt + PENDING_LIFETIME_SECONDS)).toEqual(login);
    expect(openPending(sealed, SECRET, login.issuedAt + PENDING_LIFETIME_SECONDS + 1)).toBeUndefined();
    expect(openPending(sealed, SECRET, login.issuedAt - 1)).toBeUndefined();
    expect(openPending(undefined, SECRET, login.issuedAt)).toBeUndefined();
    expect(openPending("short", SECRET, login.issuedAt)).toBeUndefined();
  });
});
