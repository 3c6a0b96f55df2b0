/**
 * Measures what a ZIP container (.docx) really expands to before a parser inflates it: every entry is
 * inflated once with zlib's `maxOutputLength`, against a budget for the whole archive, so a 400 KB file
 * that inflates to 400 MiB is refused after at most `limit` bytes of work, whatever sizes its headers
 * declare. Nothing is kept: the parser reads the archive afterwards.
 */
import { constants, inflateRawSync } from "node:zlib";

export type ZipExpansion =
  | { ok: true; bytes: number }
  | { ok: false; reason: "too-large" }
  | { ok: false; reason: "invalid"; detail: string };

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export function measureZipExpansion(bytes: Uint8Array, limit: number): ZipExpansion {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(zip);
  if (end < 0) return invalid("no ZIP directory");
  const count = zip.readUInt16LE(end + 10);
  let entry = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let index = 0; index < count; index++) {
    if (entry + 46 > zip.length || zip.readUInt32LE(entry) !== CENTRAL_ENTRY)
      return invalid("bad directory entry");
    const method = zip.readUInt16LE(entry + 10);
    const compressedSize = zip.readUInt32LE(entry + 20);
    const declaredSize = zip.readUInt32LE(entry + 24);
    const nameLength = zip.readUInt16LE(entry + 28);
    const extraLength = zip.readUInt16LE(entry + 30);
    const commentLength = zip.readUInt16LE(entry + 32);
    const localOffset = zip.readUInt32LE(entry + 42);
    entry += 46 + nameLength + extraLength + commentLength;
    // ZIP64 markers: no legitimate document needs 4 GiB entries.
    if (declaredSize === 0xffffffff || compressedSize === 0xffffffff)
      return { ok: false, reason: "too-large" };
    if (total + declaredSize > limit) return { ok: false, reason: "too-large" };
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_HEADER)
      return invalid("bad local header");
    const dataStart =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (method === STORED) {
      total += data.length;
    } else if (method === DEFLATED) {
      const room = limit - total;
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, room) }).length;
      } catch (error) {
        if (isTooLarge(error)) return { ok: false, reason: "too-large" };
        return invalid(`entry ${index + 1} does not inflate`);
      }
    } else {
      return invalid(`compression method ${method}`);
    }
    if (total > limit) return { ok: false, reason: "too-large" };
  }
  return { ok: true, bytes: total };
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  for (let offset = zip.length - 22; offset >= earliest; offset--) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  return -1;
}

function isTooLarge(error: unknown): boolean {
  return (
    error instanceof RangeError ||
    (error instanceof Error && (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") ||
    (error instanceof Error && (error as { errno?: number }).errno === constants.Z_BUF_ERROR)
  );
}

function invalid(detail: string): ZipExpansion {
  return { ok: false, reason: "invalid", detail };
}
