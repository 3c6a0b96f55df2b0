/**
 * `npm run bench [-- NAME…]`: runs every `bench/*.bench.ts` (or those whose file name contains a NAME)
 * one after another and prints each result as a table.
 */
import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Bench, formatTable } from "./table.js";

const folder = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = (await readdir(folder))
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(", ")}`);
  process.exit(1);
}
for (const file of files) {
  const started = performance.now();
  console.log(`\n# ${file}`);
  const module = (await import(pathToFileURL(join(folder, file)).href)) as { default: Bench };
  for (const table of await module.default()) console.log(`\n${formatTable(table)}`);
  console.log(`\n(${file}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
