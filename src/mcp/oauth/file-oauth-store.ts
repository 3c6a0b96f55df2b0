/**
 * The OAuth store on disk: one JSON file per server in `${XDG_DATA_HOME:-~/.local/share}/agente/oauth/`,
 * the folder mode 0700 and each file 0600 (written to a private temporary file, then renamed over the old
 * one, so a reader never sees half a file and the mode never widens).
 */
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { localised } from "../../i18n/localised.js";
import { SystemError } from "../../util/errors.js";
import { type OAuthRecord, type OAuthStore, oauthRecordSchema } from "./oauth-store.js";

/** `${XDG_DATA_HOME:-~/.local/share}/agente/oauth`, as the memory database finds its data folder. */
export function oauthFolder(env: Record<string, string | undefined>, home: string = homedir()): string {
  const xdg = env.XDG_DATA_HOME?.trim();
  const base =
    xdg !== undefined && xdg !== "" && isAbsolute(xdg)
      ? xdg
      : join(env.HOME?.trim() || home, ".local", "share");
  return join(base, "agente", "oauth");
}

export class FileOAuthStore implements OAuthStore {
  /**
   * The last record read of each server, with the file's change time and size: the transport reads the
   * tokens before every request, so a file unchanged since is not read and parsed again (a login by
   * another agente process changes it, and is read).
   */
  private readonly cache = new Map<string, { stamp: string; record: OAuthRecord | undefined }>();

  /** Each server's file name (`load` runs before every request to the server). */
  private readonly files = new Map<string, string>();

  constructor(readonly folder: string) {}

  /** The file of one server: its name made safe for any file system, plus a hash so two never collide. */
  fileOf(server: string): string {
    const known = this.files.get(server);
    if (known !== undefined) return known;
    const safe = server.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 60);
    const hash = createHash("sha256").update(server).digest("hex").slice(0, 8);
    const file = join(this.folder, `${safe}-${hash}.json`);
    this.files.set(server, file);
    return file;
  }

  load(server: string): OAuthRecord | undefined {
    const file = this.fileOf(server);
    const stats = statSync(file, { throwIfNoEntry: false, bigint: true });
    if (stats === undefined) return undefined;
    const stamp = `${stats.mtimeNs}:${stats.ctimeNs}:${stats.size}:${stats.ino}`;
    const cached = this.cache.get(server);
    if (cached !== undefined && cached.stamp === stamp)
      return cached.record && structuredClone(cached.record);
    const record = this.read(file);
    this.cache.set(server, { stamp, record });
    return record && structuredClone(record);
  }

  private read(file: string): OAuthRecord | undefined {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // A damaged file is a lost login, not a crash: the next connection signs in again.
      return undefined;
    }
    const parsed = oauthRecordSchema.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  }

  save(server: string, record: OAuthRecord): void {
    try {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
      chmodSync(this.folder, 0o700);
      const file = this.fileOf(server);
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, file);
    } catch (error) {
      throw new SystemError(localised("oauth.error.saveFailed", { server, folder: this.folder }), {
        cause: error,
        hint: localised("oauth.error.saveFailedHint"),
      });
    }
  }

  remove(server: string): boolean {
    const file = this.fileOf(server);
    const existed = this.load(server) !== undefined;
    rmSync(file, { force: true });
    this.cache.delete(server);
    return existed;
  }
}
