/**
 * Password hashes: scrypt from node:crypto, memory-hard (N = 2^15, r = 8: 32 MiB and tens of milliseconds
 * per guess), a random 16-byte salt per hash, compared in constant time. Stored as
 * `scrypt$N$r$p$salt$hash` (base64url), so the parameters can grow without breaking older hashes.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLEL = 1;
const KEY_BYTES = 32;
/** 128 · N · r bytes plus headroom: Node's default (32 MiB) is exactly too small for N = 2^15, r = 8. */
const MAX_MEMORY = 64 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 8;

const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

function derive(
  password: string,
  salt: Buffer,
  cost: number,
  blockSize: number,
  parallel: number,
  bytes: number,
) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(
      password.normalize("NFC"),
      salt,
      bytes,
      { N: cost, r: blockSize, p: parallel, maxmem: Math.max(MAX_MEMORY, 256 * cost * blockSize) },
      (error, key) => (error === null ? resolve(key) : reject(error)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST, BLOCK_SIZE, PARALLEL, KEY_BYTES);
  return ["scrypt", COST, BLOCK_SIZE, PARALLEL, salt.toString("base64url"), key.toString("base64url")].join(
    "$",
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = STORED.exec(stored);
  if (match === null) throw new Error("a stored password hash is not in the scrypt$N$r$p$salt$hash form");
  const [, cost, blockSize, parallel, salt = "", hash = ""] = match;
  const expected = Buffer.from(hash, "base64url");
  const key = await derive(
    password,
    Buffer.from(salt, "base64url"),
    Number(cost),
    Number(blockSize),
    Number(parallel),
    expected.length,
  );
  return timingSafeEqual(key, expected);
}
