/**
 * A lock file beside the download, so two agente processes starting at once do not write the same file.
 * `open(…, "wx")` creates it atomically; it holds the owner's pid, so a lock left by a process that died
 * (killed mid-download) is taken over instead of blocking forever.
 */
import { open, readFile, rm, stat } from "node:fs/promises";

export interface HeldLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** Called once when another live process holds the lock and we start waiting. */
  onWait?: () => void;
  /** Poll interval while waiting. */
  pollMs?: number;
  signal?: AbortSignal;
}

export async function acquireFileLock(path: string, options: LockOptions = {}): Promise<HeldLock> {
  let waited = false;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const handle = await open(path, "wx");
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if (!isCode(error, "EEXIST")) throw error;
    }
    const owner = await lockOwner(path);
    // A dead owner, or no pid written long after the lock was made (the owner died in between).
    if ((owner !== undefined && !isAlive(owner)) || (owner === undefined && (await ageMs(path)) > 10_000)) {
      await rm(path, { force: true });
      continue;
    }
    if (!waited) options.onWait?.();
    waited = true;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}

async function lockOwner(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(path, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    // Released between our open and our read: try again at once.
    if (isCode(error, "ENOENT")) return undefined;
    throw error;
  }
}

async function ageMs(path: string): Promise<number> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch (error) {
    if (isCode(error, "ENOENT")) return 0;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return !isCode(error, "ESRCH");
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
