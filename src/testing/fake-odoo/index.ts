/**
 * An in-process fake Odoo server for tests: real HTTP on 127.0.0.1, speaking Odoo's XML-RPC
 * (`/xmlrpc/2/common`, `/xmlrpc/2/object`) and, as version 19, the JSON-2 API (`/json/2/...`),
 * over a small CRM data set with real domain semantics. See docs/odoo-wire.md for the exact shapes.
 *
 * ```ts
 * const odoo = await startFakeOdoo({ version: 19 });
 * // point the client at odoo.url, odoo.database, odoo.login, odoo.apiKey
 * await odoo.close();
 * ```
 */

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { StoredRecord } from "./dataset.js";
import { handleJson2 } from "./json2.js";
import type { OdooVersion } from "./models.js";
import { createServerState, type ServerState, versionInfo } from "./server-state.js";
import { parseMethodCall } from "./xmlrpc.js";
import { handleXmlRpc, PASSWORD_PARAM_INDEX } from "./xmlrpc-service.js";

export interface FakeOdooOptions {
  /** 19 also offers JSON-2; 17 answers 404 on /json/2/*. */
  version: OdooVersion;
  /** Default "odoo". */
  database?: string;
  /** Default "admin". */
  login?: string;
  /** Default "admin-password". */
  password?: string;
  /** Default "test-api-key": valid as XML-RPC password and as JSON-2 bearer token. */
  apiKey?: string;
  /** Default true: hr.employee and hr.department exist. */
  hrInstalled?: boolean;
  /** Writes (create, write, unlink, message_post) raise access errors. */
  readOnlyUser?: boolean;
}

/** One request the fake received, with secrets redacted. */
export interface RecordedRequest {
  protocol: "xmlrpc" | "json2" | "http";
  path: string;
  /** Model of an `execute_kw`/`execute` call or of a JSON-2 call. */
  model?: string;
  /** ORM method (`search_read`…) or XML-RPC common method (`authenticate`…). */
  method?: string;
  /** Lower-case header names; `authorization` is replaced by "***". */
  headers: Record<string, string>;
  /** XML-RPC: `{ methodName, params }` with the password param as "***"; JSON-2: the parsed body. */
  body: unknown;
  /** The raw secret the request carried (bearer token or XML-RPC password), only for asserting it was sent. */
  credential?: string;
}

export interface FakeOdoo {
  /** http://127.0.0.1:<port> */
  url: string;
  database: string;
  login: string;
  password: string;
  apiKey: string;
  version: OdooVersion;
  requests: RecordedRequest[];
  /** The live records of a model (many2one values are ids), for assertions. */
  records(model: string): Array<Record<string, unknown>>;
  /** While enabled, requests are recorded but never answered (for timeouts). */
  hang(enabled: boolean): void;
  /** The next `count` requests fail with `status` (default 503), or a connection reset when status is 0. */
  failNext(count: number, status?: number): void;
  /** Stops the server and destroys open connections; calling it again is harmless. */
  close(): Promise<void>;
}

const REDACTED = "***";

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function htmlError(status: number): string {
  const title = `${status} ${STATUS_TEXT[status] ?? "Error"}`;
  return `<!doctype html>\n<html lang=en>\n<title>${title}</title>\n<h1>${STATUS_TEXT[status] ?? "Error"}</h1>\n`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function headerRecord(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function recordRequest(
  state: ServerState,
  path: string,
  headers: Record<string, string>,
  raw: string,
): RecordedRequest {
  const redactedHeaders = { ...headers };
  let credential: string | undefined;
  if (redactedHeaders.authorization !== undefined) {
    credential = /^\S+\s+(.+)$/.exec(redactedHeaders.authorization)?.[1] ?? redactedHeaders.authorization;
    redactedHeaders.authorization = REDACTED;
  }
  if (path.startsWith("/xmlrpc/")) {
    try {
      const call = parseMethodCall(raw);
      const params = [...call.params];
      const passwordIndex = PASSWORD_PARAM_INDEX[call.methodName];
      if (passwordIndex !== undefined && passwordIndex < params.length) {
        const secret = params[passwordIndex];
        if (typeof secret === "string") credential = secret;
        params[passwordIndex] = REDACTED;
      }
      const isObjectCall = call.methodName === "execute_kw" || call.methodName === "execute";
      return {
        protocol: "xmlrpc",
        path,
        ...(isObjectCall && typeof params[3] === "string" ? { model: params[3] } : {}),
        method: isObjectCall && typeof params[4] === "string" ? params[4] : call.methodName,
        headers: redactedHeaders,
        body: { methodName: call.methodName, params },
        ...(credential !== undefined ? { credential } : {}),
      };
    } catch {
      return { protocol: "xmlrpc", path, headers: redactedHeaders, body: raw };
    }
  }
  let body: unknown = raw;
  try {
    body = raw.trim() === "" ? undefined : JSON.parse(raw);
  } catch {
    // keep the text as it came
  }
  const route = /^\/json\/2\/([^/]+)\/([^/]+)\/?$/.exec(path);
  if (path.startsWith("/json/2") && state.options.version >= 19) {
    return {
      protocol: "json2",
      path,
      ...(route ? { model: decodeURIComponent(route[1]!), method: decodeURIComponent(route[2]!) } : {}),
      headers: redactedHeaders,
      body,
      ...(credential !== undefined ? { credential } : {}),
    };
  }
  return {
    protocol: "http",
    path,
    headers: redactedHeaders,
    body,
    ...(credential !== undefined ? { credential } : {}),
  };
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
  response.end(body);
}

function route(
  state: ServerState,
  method: string,
  path: string,
  headers: Record<string, string>,
  raw: string,
  response: ServerResponse,
): void {
  const version = state.options.version;
  if (path === "/web/version" && (method === "GET" || method === "POST")) {
    const body = { version_info: [version, 0, 0, "final", 0, ""], version: `${version}.0` };
    send(response, 200, "application/json; charset=utf-8", JSON.stringify(body));
    return;
  }
  if (path === "/web/webclient/version_info" && method === "POST") {
    let id: unknown = null;
    try {
      id = (JSON.parse(raw) as { id?: unknown }).id ?? null;
    } catch {
      // Odoo answers a JSON-RPC error for a bad body; an id of null is enough for the fake
    }
    const body = { jsonrpc: "2.0", id, result: versionInfo(version) };
    send(response, 200, "application/json", JSON.stringify(body));
    return;
  }
  const xmlrpc = /^\/xmlrpc\/2\/([^/]+)\/?$/.exec(path);
  if (xmlrpc) {
    if (method !== "POST") {
      send(response, 405, "text/html; charset=utf-8", htmlError(405));
      return;
    }
    send(response, 200, "text/xml; charset=utf-8", handleXmlRpc(state, xmlrpc[1]!, raw));
    return;
  }
  if (version >= 19 && (path === "/json/2" || path.startsWith("/json/2/"))) {
    const answer = handleJson2(state, method, path, headers, raw);
    response.writeHead(answer.status, {
      ...answer.headers,
      "content-length": Buffer.byteLength(answer.body),
    });
    response.end(answer.body);
    return;
  }
  send(response, 404, "text/html; charset=utf-8", htmlError(404));
}

/** Starts a fake Odoo on 127.0.0.1 with a free port. */
export async function startFakeOdoo(options: FakeOdooOptions): Promise<FakeOdoo> {
  const state = createServerState({
    version: options.version,
    database: options.database ?? "odoo",
    login: options.login ?? "admin",
    password: options.password ?? "admin-password",
    apiKey: options.apiKey ?? "test-api-key",
    hrInstalled: options.hrInstalled ?? true,
    readOnlyUser: options.readOnlyUser ?? false,
  });
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let hanging = false;
  let closing: Promise<void> | undefined;
  let failures: { remaining: number; status: number } = { remaining: 0, status: 503 };

  const server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
      const headers = headerRecord(request);
      requests.push(recordRequest(state, path, headers, raw));
      if (failures.remaining > 0) {
        failures = { ...failures, remaining: failures.remaining - 1 };
        if (failures.status === 0) request.socket.destroy();
        else send(response, failures.status, "text/html; charset=utf-8", htmlError(failures.status));
        return;
      }
      if (hanging) return; // left open until close() destroys the socket
      try {
        route(state, request.method ?? "GET", path, headers, raw, response);
      } catch (error) {
        const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
        send(response, 500, "text/plain; charset=utf-8", `fake Odoo bug: ${detail}`);
      }
    })();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    database: state.options.database,
    login: state.options.login,
    password: state.options.password,
    apiKey: state.options.apiKey,
    version: state.options.version,
    requests,
    records: (model: string): StoredRecord[] => state.store.records(model),
    hang: (enabled: boolean) => {
      hanging = enabled;
    },
    failNext: (count: number, status = 503) => {
      failures = { remaining: count, status };
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
