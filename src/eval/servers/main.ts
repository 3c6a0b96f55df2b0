/** Entry point of an evaluation fixture server over stdio: `node dist/eval/servers/main.js CATALOGUE.json`. */
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { errorMessage } from "../../util/errors.js";
import { loadCatalogue } from "./catalogue.js";
import { createCatalogueServer } from "./catalogue-server.js";

const path = process.argv[2];
if (path === undefined) {
  process.stderr.write("usage: main.js CATALOGUE.json\n");
  process.exit(2);
}
try {
  const catalogue = await loadCatalogue(path);
  serveStdio(() => createCatalogueServer(catalogue));
  process.stderr.write(`eval fixture ${catalogue.name} ready (${catalogue.tools.length} tools)\n`);
} catch (error) {
  process.stderr.write(`eval fixture: ${errorMessage(error)}\n`);
  process.exit(1);
}
