/**
 * The web chat's bundled script and style sheet. `npm run build` bundles `page/main.ts` with esbuild into
 * `dist/serve/page/`; the server reads them once from beside its own module, or from `dist/` when it runs
 * from the sources (tests under tsx).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface PageAssets {
  /** The bundled script, or undefined when the page was not built. */
  script: string | undefined;
  style: string | undefined;
}

const FOLDERS = ["./page/", "../../dist/serve/page/"];

export function loadPageAssets(base: string = import.meta.url): PageAssets {
  for (const folder of FOLDERS) {
    const script = fileURLToPath(new URL(`${folder}app.js`, base));
    const style = fileURLToPath(new URL(`${folder}app.css`, base));
    if (existsSync(script) && existsSync(style))
      return { script: readFileSync(script, "utf8"), style: readFileSync(style, "utf8") };
  }
  return { script: undefined, style: undefined };
}
