/** `agente serve` on a port in use: the port is taken, use --port; not "a bug in agente". */
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { explainListenFailure } from "../../src/cli/listen-failure.js";
import { formatError } from "../../src/cli/print-error.js";
import { createTranslator } from "../../src/i18n/translator.js";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

function listen(port = 0): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      servers.push(server);
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address !== null ? address.port : port });
    });
  });
}

describe("explainListenFailure", () => {
  it("EADDRINUSE: the port is taken, pick another with --port", async () => {
    const { port } = await listen();
    const error = await listen(port).catch((caught: unknown) => caught);
    const explained = explainListenFailure(error, "127.0.0.1", String(port));
    expect(formatError(explained, false, createTranslator("en"))).toBe(
      `error: port ${port} on 127.0.0.1 is taken: another program is listening there\n` +
        `  pick another with --port (e.g. --port ${port + 1}), or stop the program that holds it`,
    );
    expect(formatError(explained, false, createTranslator("es"))).toContain(
      `el puerto ${port} de 127.0.0.1 está ocupado`,
    );
  });

  it("anything else passes through as it is", () => {
    const other = new Error("boom");
    expect(explainListenFailure(other, "127.0.0.1", 8080)).toBe(other);
  });
});
