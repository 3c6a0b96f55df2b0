/**
 * Figures for issue 6 (the assembled system): how long the throwaway PostgreSQL takes, how fast each
 * community server starts from node_modules (spawn → initialize → tools/list) and how much memory it
 * holds, what a query through server-postgres costs over talking to PostgreSQL directly, and how long
 * the starter topology takes to come up through the hub.
 */
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createReaderRole, loadSampleDatabase } from "../scripts/sample-db/load.js";
import { buildStarterConfig, type CommunityServer, communityServer } from "../src/config/starter-config.js";
import { openHub } from "../src/runtime/open-hub.js";
import { connectStdio } from "../src/testing/connect-stdio.js";
import { postgresAvailable, type RunningPostgres, startPostgres } from "../src/testing/postgres.js";
import { type Bench, type BenchTable, percentile, sized } from "./table.js";

const QUESTION_SQL =
  "SELECT count(*)::int AS facturas FROM facturas f JOIN clientes c ON c.id = f.cliente_id WHERE c.nombre = 'Empresa X'";
const MEMORY_SERVER = fileURLToPath(new URL("../dist/servers/memory/main.js", import.meta.url));

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const median = (values: number[]) => percentile(values, 50);

function rssMegabytes(pid: number | null | undefined): number {
  if (pid === null || pid === undefined) return Number.NaN;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

async function throwawayPostgres(): Promise<BenchTable> {
  const starts: number[] = [];
  const stops: number[] = [];
  for (let index = 0; index < sized(3, 1); index++) {
    let server: RunningPostgres | undefined;
    starts.push(
      await timed(async () => {
        server = await startPostgres();
      }),
    );
    stops.push(await timed(() => server!.stop()));
  }
  return {
    title: "Throwaway PostgreSQL 15 cluster (src/testing/postgres.ts), 3 runs",
    columns: ["step", "median ms", "max ms"],
    rows: [
      ["initdb + start + first connection", median(starts), Math.max(...starts)],
      ["stop + delete", median(stops), Math.max(...stops)],
    ],
    notes: ["fsync, synchronous_commit and full_page_writes off; per test file, not per test"],
  };
}

async function communityStart(databaseUrl: string): Promise<BenchTable> {
  const folder = await mkdtemp(join(tmpdir(), "agente-bench-fs-"));
  const cases: Array<[CommunityServer, string[], Record<string, string>]> = [
    ["filesystem", [folder], {}],
    ["postgres", [databaseUrl], {}],
    ["googleMaps", [], { GOOGLE_MAPS_API_KEY: "bench-key-not-used" }],
  ];
  const rows: Array<Array<string | number>> = [];
  for (const [name, extraArgs, env] of cases) {
    const server = communityServer(name);
    const times: number[] = [];
    let rss = Number.NaN;
    for (let index = 0; index < sized(5, 1); index++) {
      let session: Awaited<ReturnType<typeof connectStdio>> | undefined;
      times.push(
        await timed(async () => {
          session = await connectStdio(
            { command: server.command, args: [...server.args, ...extraArgs] },
            env,
          );
          await session.client.listTools();
        }),
      );
      const transport = session!.client.transport as { pid?: number | null } | undefined;
      rss = rssMegabytes(transport?.pid);
      await session!.close();
    }
    rows.push([name, median(times), Math.max(...times), rss]);
  }
  await rm(folder, { recursive: true, force: true });
  return {
    title: "Community servers from node_modules on this Node: spawn → initialize → tools/list, 5 runs each",
    columns: ["server", "median ms", "max ms", "RSS MB"],
    rows,
    notes: [
      "No npx: the prototype's `npx -y` resolves (and on a cold cache downloads) the package on every start.",
      "RSS of the server process after tools/list.",
    ],
  };
}

async function queryOverhead(databaseUrl: string): Promise<BenchTable> {
  const server = communityServer("postgres");
  const session = await connectStdio({ command: server.command, args: [...server.args, databaseUrl] });
  const direct = new pg.Client({ connectionString: databaseUrl });
  await direct.connect();
  const viaMcp: number[] = [];
  const viaPg: number[] = [];
  for (let index = 0; index < sized(50, 5); index++) {
    await session.client.callTool({ name: "query", arguments: { sql: QUESTION_SQL } });
    await direct.query(QUESTION_SQL);
  }
  for (let index = 0; index < sized(300, 10); index++) {
    viaMcp.push(
      await timed(() => session.client.callTool({ name: "query", arguments: { sql: QUESTION_SQL } })),
    );
    viaPg.push(await timed(() => direct.query(QUESTION_SQL)));
  }
  await session.close();
  await direct.end();
  return {
    title: "«¿cuántas facturas tiene el cliente Empresa X?» as SQL, 300 calls after 50 warm-up",
    columns: ["path", "p50 ms", "p95 ms", "p99 ms"],
    rows: [
      [
        "server-postgres over stdio (MCP tools/call)",
        percentile(viaMcp, 50),
        percentile(viaMcp, 95),
        percentile(viaMcp, 99),
      ],
      ["pg client, one connection", percentile(viaPg, 50), percentile(viaPg, 95), percentile(viaPg, 99)],
    ],
    notes: [
      "server-postgres takes a pooled connection and opens/rolls back a READ ONLY transaction per call",
    ],
  };
}

async function starterTopology(databaseUrl: string): Promise<BenchTable> {
  const root = await mkdtemp(join(tmpdir(), "agente-bench-hub-"));
  await mkdir(join(root, "documentos"));
  const env = {
    PATH: process.env.PATH,
    HOME: root,
    DATABASE_URL: databaseUrl,
    AGENTE_MEMORY_PATH: join(root, "memory.db"),
    AGENTE_EMBEDDER: "none",
  };
  const config = buildStarterConfig({
    folder: join(root, "documentos"),
    env,
    builtin: (name) => ({
      command: process.execPath,
      args: [name === "memory" ? MEMORY_SERVER : "missing.js"],
    }),
    community: (name) => communityServer(name),
  });
  await writeFile(join(root, "agente.json"), JSON.stringify(config));
  const times: number[] = [];
  let tools = 0;
  let up = "";
  for (let index = 0; index < sized(3, 1); index++) {
    let closeHub: (() => Promise<void>) | undefined;
    times.push(
      await timed(async () => {
        const { hub } = await openHub({ cwd: root, env });
        tools = hub.tools().length;
        up = hub
          .statuses()
          .filter((status) => status.state === "up")
          .map((status) => status.name)
          .join(", ");
        closeHub = () => hub.close();
      }),
    );
    await closeHub?.();
  }
  await rm(root, { recursive: true, force: true });
  return {
    title: "Starter topology (agente init's config) up through openHub, 3 runs",
    columns: ["servers up", "tools", "median ms", "max ms"],
    rows: [[up, tools, median(times), Math.max(...times)]],
    notes: [
      "memory from dist/ (AGENTE_EMBEDDER=none), Odoo disabled, filesystem and PostgreSQL from node_modules; connected in parallel",
    ],
  };
}

export default (async () => {
  if (!postgresAvailable()) {
    return [
      {
        title: "community",
        columns: ["skipped"],
        rows: [["PostgreSQL 15 binaries not found: apt-get install postgresql-15"]],
      },
    ];
  }
  const tables = [await throwawayPostgres()];
  const database = await startPostgres();
  try {
    await loadSampleDatabase(database.url);
    await createReaderRole(database.url, "agente_lector");
    const readerUrl = `postgres://agente_lector@${database.host}:${database.port}/postgres`;
    tables.push(await communityStart(readerUrl));
    tables.push(await queryOverhead(readerUrl));
    tables.push(await starterTopology(readerUrl));
  } finally {
    await database.stop();
  }
  return tables;
}) satisfies Bench;
