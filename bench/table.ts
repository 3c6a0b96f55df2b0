/** One printed table of a benchmark: every `bench/*.bench.ts` default-exports a `Bench`. */
export interface BenchTable {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  /** Lines printed under the table: goals, baselines, caveats. */
  notes?: string[];
}

export type Bench = () => Promise<BenchTable[]>;

/**
 * `BENCH_SMOKE=1`: every bench runs at small sizes (CI's smoke pass), so none breaks unseen. Its figures
 * mean nothing; only that it ran.
 */
export const smoke = process.env.BENCH_SMOKE === "1";

/** `full` in a measuring run, `small` in a smoke pass. */
export function sized(full: number, small: number): number {
  return smoke ? small : full;
}

export function formatTable(table: BenchTable): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(formatCell))];
  const widths = table.columns.map((_, column) =>
    Math.max(...cells.map((row) => String(row[column] ?? "").length)),
  );
  const line = (row: Array<string | number>) =>
    row
      .map((cell, column) => String(cell).padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [`## ${table.title}`, line(table.columns), widths.map((width) => "-".repeat(width)).join("  ")];
  for (const row of cells.slice(1)) out.push(line(row));
  for (const note of table.notes ?? []) out.push(`  ${note}`);
  return out.join("\n");
}

function formatCell(value: string | number): string {
  if (typeof value === "string") return value;
  if (Number.isInteger(value)) return String(value);
  return value < 10 ? value.toFixed(3) : value.toFixed(1);
}

/** Percentile (0–100) of a list of numbers, by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
