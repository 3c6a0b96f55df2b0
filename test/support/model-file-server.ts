/**
 * A local HTTP file server for download tests: serves one file on 127.0.0.1 with Range support, counts
 * requests, can cut the first transfers after some bytes (an interrupted download), and can hold a
 * transfer after some bytes until the test releases it (a slow download, caught half-way).
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ModelFileServer {
  /** URL of the served file. */
  url: string;
  /** Every request: its path and Range header. */
  requests: Array<{ path: string; range: string | undefined }>;
  /** Full-file transfers (a GET without Range or with a Range from byte 0). */
  downloads(): number;
  /** Lets the transfers held at `pauseAfterBytes` finish (and every later one go through). */
  release(): void;
  close(): Promise<void>;
}

export interface ModelFileServerOptions {
  file: string;
  /** Path the file is served at; anything else answers 404. */
  path?: string;
  /** Cut this many of the first responses after `cutAfterBytes` bytes. */
  cutResponses?: number;
  cutAfterBytes?: number;
  /** Serve other bytes than the file (a corrupted mirror). */
  body?: Buffer;
  /** Send this many bytes of each transfer, then hold the rest until `release()`. */
  pauseAfterBytes?: number;
}

export async function startModelFileServer(options: ModelFileServerOptions): Promise<ModelFileServer> {
  const content = options.body ?? readFileSync(options.file);
  const servedPath = options.path ?? "/models/tiny.gguf";
  const requests: ModelFileServer["requests"] = [];
  let toCut = options.cutResponses ?? 0;
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server: Server = createServer((request: IncomingMessage, response) => {
    const range = request.headers.range;
    requests.push({ path: request.url ?? "", range });
    if (request.url !== servedPath) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const match = range === undefined ? null : /^bytes=(\d+)-$/.exec(range);
    const start = match?.[1] === undefined ? 0 : Number(match[1]);
    if (start >= content.length && start > 0) {
      response.writeHead(416, { "content-range": `bytes */${content.length}` }).end();
      return;
    }
    const slice = content.subarray(start);
    const headers: Record<string, string | number> = {
      "content-type": "application/octet-stream",
      "content-length": slice.length,
      "accept-ranges": "bytes",
    };
    if (match !== null) headers["content-range"] = `bytes ${start}-${content.length - 1}/${content.length}`;
    response.writeHead(match === null ? 200 : 206, headers);
    if (toCut > 0 && options.cutAfterBytes !== undefined) {
      toCut--;
      response.write(slice.subarray(0, options.cutAfterBytes), () => response.destroy());
      return;
    }
    if (options.pauseAfterBytes !== undefined) {
      response.write(slice.subarray(0, options.pauseAfterBytes));
      void released.then(() => response.end(slice.subarray(options.pauseAfterBytes)));
      return;
    }
    response.end(slice);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${servedPath}`,
    requests,
    downloads: () =>
      requests.filter(
        (entry) => entry.path === servedPath && (entry.range === undefined || entry.range === "bytes=0-"),
      ).length,
    release,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bind one, note it, close it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
