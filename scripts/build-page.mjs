// Bundles the web chat of `agente serve` (src/serve/page/main.ts) with esbuild into dist/serve/page/,
// beside the compiled server that reads it. Run by `npm run build` after tsc.
import { copyFileSync, mkdirSync } from "node:fs";
import { build } from "esbuild";

const out = "dist/serve/page";
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["src/serve/page/main.ts"],
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: false,
  outfile: `${out}/app.js`,
  logLevel: "warning",
});
copyFileSync("src/serve/page/app.css", `${out}/app.css`);
