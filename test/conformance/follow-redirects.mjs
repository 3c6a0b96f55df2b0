#!/usr/bin/env node
// $BROWSER for the conformance client driver: "opens" the authorization URL agente hands it by following
// its redirects, as a browser with a user who approves at once would, down to agente's loopback
// callback. Written to stderr only.
const [url] = process.argv.slice(2);
if (url === undefined) {
  process.stderr.write("follow-redirects: no URL given\n");
  process.exit(2);
}
try {
  const response = await fetch(url, { redirect: "follow" });
  process.stderr.write(`follow-redirects: ${response.status} at ${response.url}\n`);
} catch (error) {
  process.stderr.write(`follow-redirects: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
