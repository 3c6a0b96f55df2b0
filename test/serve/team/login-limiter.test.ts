/** The login limiter with a clock of its own: 19 wrong in a row answered, the 20th refused until the window passes or a success. */
import { describe, expect, it } from "vitest";
import { LoginLimiter } from "../../../src/serve/team/login-limiter.js";

function limiter() {
  const clock = { now: 1_000_000 };
  return {
    clock,
    limits: new LoginLimiter({ maxFailures: 19, windowMs: 15 * 60_000, now: () => clock.now }),
  };
}

describe("LoginLimiter", () => {
  it("refuses the 20th attempt after 19 failures, with the seconds left in the window, and forgets them after it", () => {
    const { clock, limits } = limiter();
    const keys = ["address:10.0.0.1", "user:ana"];
    for (let attempt = 1; attempt <= 19; attempt += 1) {
      expect(limits.refusedFor(keys)).toBeUndefined();
      limits.failed(keys);
      clock.now += 1000;
    }
    expect(limits.refusedFor(keys)).toBe(15 * 60 - 19);
    // Another address trying ana is refused too (per account), and ana from elsewhere (per address).
    expect(limits.refusedFor(["address:10.0.0.2", "user:ana"])).toBe(15 * 60 - 19);
    expect(limits.refusedFor(["address:10.0.0.1", "user:luis"])).toBe(15 * 60 - 19);
    expect(limits.refusedFor(["address:10.0.0.2", "user:luis"])).toBeUndefined();
    clock.now = 1_000_000 + 15 * 60_000;
    expect(limits.refusedFor(keys)).toBeUndefined();
  });

  it("clears the counts on a success", () => {
    const { limits } = limiter();
    const keys = ["address:10.0.0.1", "user:ana"];
    for (let attempt = 1; attempt <= 18; attempt += 1) limits.failed(keys);
    limits.succeeded(keys);
    for (let attempt = 1; attempt <= 18; attempt += 1) limits.failed(keys);
    expect(limits.refusedFor(keys)).toBeUndefined();
    limits.failed(keys);
    expect(limits.refusedFor(keys)).toBe(15 * 60);
  });

  it("keeps at most maxKeys counters, dropping the oldest", () => {
    const limits = new LoginLimiter({ maxFailures: 1, windowMs: 60_000, maxKeys: 2 });
    limits.failed(["a"]);
    limits.failed(["b"]);
    limits.failed(["c"]);
    expect(limits.refusedFor(["a"])).toBeUndefined();
    expect(limits.refusedFor(["b"])).toBe(60);
    expect(limits.refusedFor(["c"])).toBe(60);
  });
});
