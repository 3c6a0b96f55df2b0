/**
 * A throwaway PostgreSQL cluster for tests: `initdb` in a temp dir, `postgres` on a free loopback
 * port with trust auth and durability switched off (tests never need a crash-safe database), and
 * `stop()` that shuts it down and deletes the dir.
 *
 * It uses the Debian binaries (`/usr/lib/postgresql/15/bin`, override with `AGENTE_PG_BINDIR`).
 * `initdb` and `postgres` refuse to run as root, so when the tests run as root the cluster runs as
 * the `postgres` OS user the Debian package creates (through `runuser`), in a dir owned by that user.
 *
 * Nothing may outlive the test process, even when it is killed with SIGKILL: the server runs under a
 * tiny `sh` wrapper that holds our end of a pipe on its stdin. When the pipe closes (stop(), normal
 * exit, crash, SIGKILL: the OS closes our end in every case) the wrapper asks postgres for a fast
 * shutdown, waits for it and deletes the dir. An `exit` listener also sends the postmaster an
 * immediate-shutdown signal, for the case where the wrapper itself was killed.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freeLoopbackPort } from "./child-processes.js";

export interface StartPostgresOptions {
  /** Extensions to `CREATE EXTENSION` in the `postgres` database once the server is up (e.g. `["vector"]`). */
  extensions?: string[];
  /** Milliseconds to wait for the server to accept connections. Default 30 000. */
  readyTimeoutMs?: number;
  /**
   * A dir to keep the cluster in across runs (benchmarks: a loaded corpus is reused): created and
   * initialised when it holds no cluster yet, started as it is otherwise, and left in place by `stop()`.
   */
  keptDir?: string;
}

export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust auth, no password. */
  url: string;
  host: string;
  port: number;
  /** Creates the empty database `name` (letters, digits, `_`) and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown) and deletes its dir. Safe to call twice. */
  stop(): Promise<void>;
}

const DEFAULT_BIN_DIR = "/usr/lib/postgresql/15/bin";
const OS_USER = "postgres";
const SUPERUSER = "postgres";

function binDir(): string {
  return process.env.AGENTE_PG_BINDIR ?? DEFAULT_BIN_DIR;
}

function runningAsRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** The uid/gid of the `postgres` OS user, or undefined when there is none. */
function postgresOsUser(): { uid: number; gid: number } | undefined {
  const uid = spawnSync("id", ["-u", OS_USER], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", OS_USER], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * True when a cluster can be started here: the server binaries exist and, when we are root, the
 * `postgres` OS user and `runuser` exist. With `extensions`, also checks each one is installed.
 */
export function postgresAvailable(options: { extensions?: string[] } = {}): boolean {
  const bin = binDir();
  if (!existsSync(join(bin, "initdb")) || !existsSync(join(bin, "postgres"))) return false;
  if (runningAsRoot()) {
    if (postgresOsUser() === undefined) return false;
    if (spawnSync("runuser", ["--version"]).status !== 0) return false;
  }
  return (options.extensions ?? []).every(extensionInstalled);
}

/** True when the extension's control file is in the server's share dir (e.g. `vector` for pgvector). */
export function extensionInstalled(name: string): boolean {
  const result = spawnSync(join(binDir(), "pg_config"), ["--sharedir"], { encoding: "utf8" });
  if (result.status !== 0) return false;
  return existsSync(join(result.stdout.trim(), "extension", `${name}.control`));
}

/** The command line that runs `argv` as the OS user that owns the cluster. */
function asClusterUser(argv: string[]): { command: string; args: string[] } {
  if (runningAsRoot()) return { command: "runuser", args: ["-u", OS_USER, "--", ...argv] };
  return { command: argv[0]!, args: argv.slice(1) };
}

function run(argv: string[], cwd: string): void {
  const { command, args } = asClusterUser(argv);
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
    throw new Error(`${argv[0]} failed (exit ${result.status}): ${output || result.error?.message}`);
  }
}

/**
 * The wrapper: starts postgres in the background, blocks on stdin, and when stdin closes asks for a
 * fast shutdown (SIGINT), waits, and removes the cluster dir unless told to keep it. `$0` is the cluster
 * dir, `$1` is `keep` or `remove`, the rest the postgres command line.
 */
const WRAPPER = [
  'root="$0"',
  'keep="$1"',
  "shift",
  '"$@" &',
  "server=$!",
  // Keep the pipe on fd 3: a background job's stdin would be /dev/null.
  "exec 3<&0",
  "cat <&3 >/dev/null &",
  "reader=$!",
  // A TERM or INT to the wrapper (runuser forwards them) also shuts the server down.
  "trap 'kill -INT \"$server\" 2>/dev/null' TERM INT",
  'wait "$reader"',
  'kill "$reader" 2>/dev/null',
  'kill -INT "$server" 2>/dev/null',
  'wait "$server"',
  '[ "$keep" = keep ] || rm -rf "$root"',
].join("\n");

/** Starts a throwaway cluster and waits until it accepts connections. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<RunningPostgres> {
  if (!postgresAvailable()) {
    throw new Error(
      `PostgreSQL server binaries not found in ${binDir()}: apt-get install -y postgresql-15 (or set AGENTE_PG_BINDIR)`,
    );
  }
  const kept = options.keptDir !== undefined;
  if (kept) mkdirSync(options.keptDir!, { recursive: true });
  const root = options.keptDir ?? mkdtempSync(join(tmpdir(), "agente-pg-"));
  const dataDir = join(root, "data");
  const socketDir = join(root, "socket");
  mkdirSync(socketDir, { recursive: true });
  if (runningAsRoot()) {
    const user = postgresOsUser()!;
    chownSync(root, user.uid, user.gid);
    chownSync(socketDir, user.uid, user.gid);
  }

  let server: ChildProcess | undefined;
  let exitGuard: (() => void) | undefined;
  const cleanUp = async (): Promise<void> => {
    if (exitGuard !== undefined) process.off("exit", exitGuard);
    exitGuard = undefined;
    if (server !== undefined && server.exitCode === null && server.signalCode === null) {
      const child = server;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.stdin?.end();
      const killTimer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killTimer);
    }
    if (!kept) rmSync(root, { recursive: true, force: true });
  };

  try {
    if (!existsSync(join(dataDir, "PG_VERSION"))) {
      rmSync(dataDir, { recursive: true, force: true });
      initdb(dataDir, root);
    }
    const port = await freeLoopbackPort();
    const postgresArgv = [
      join(binDir(), "postgres"),
      "-D",
      dataDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${socketDir}`,
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "max_connections=30",
      "-c",
      "shared_buffers=32MB",
    ];
    const { command, args } = asClusterUser([
      "sh",
      "-c",
      WRAPPER,
      root,
      kept ? "keep" : "remove",
      ...postgresArgv,
    ]);
    const child = spawn(command, args, { cwd: root, stdio: ["pipe", "ignore", "pipe"] });
    server = child;
    let serverLog = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      serverLog = (serverLog + chunk).slice(-4000);
    });

    const pidFile = join(dataDir, "postmaster.pid");
    exitGuard = () => {
      try {
        const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
        if (pid > 0) process.kill(pid, "SIGQUIT");
      } catch {
        // No pid file: the server is already gone, which is what this guard wants.
      }
    };
    process.on("exit", exitGuard);

    const host = "127.0.0.1";
    const url = `postgres://${SUPERUSER}@${host}:${port}/postgres`;
    await waitUntilReady(url, child, () => serverLog, options.readyTimeoutMs ?? 30_000);
    await createExtensions(url, options.extensions ?? []);
    return { url, host, port, createDatabase: (name) => createDatabase(url, name), stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function initdb(dataDir: string, root: string): void {
  run(
    [
      join(binDir(), "initdb"),
      "-D",
      dataDir,
      "-U",
      SUPERUSER,
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C",
      "--no-sync",
      "--no-instructions",
    ],
    root,
  );
}

async function waitUntilReady(
  url: string,
  child: ChildProcess,
  serverLog: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`postgres exited before accepting connections: ${serverLog().trim()}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`postgres did not accept connections within ${timeoutMs} ms: ${serverLog().trim()}`, {
          cause: error,
        });
      }
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function createDatabase(url: string, name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error(`bad database name: ${name}`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const database = new URL(url);
  database.pathname = `/${name}`;
  return database.href;
}

async function createExtensions(url: string, extensions: string[]): Promise<void> {
  if (extensions.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const name of extensions) {
      if (!/^[a-z0-9_-]+$/i.test(name)) throw new Error(`bad extension name: ${name}`);
      await client.query(`CREATE EXTENSION IF NOT EXISTS "${name}"`);
    }
  } finally {
    await client.end();
  }
}
