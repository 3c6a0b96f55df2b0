/**
 * The loopback redirect of a native app (RFC 8252 §7.3): an HTTP server on 127.0.0.1 that waits for the
 * authorization server to send the browser to `http://127.0.0.1:PORT/callback?code=…&state=…`, answers
 * with a short page, and hands the query to the flow. It listens only while a sign-in waits for it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Translator } from "../../i18n/translator.js";

export const CALLBACK_PATH = "/callback";

export interface LoopbackReceiver {
  /** `http://127.0.0.1:PORT/callback`: the redirect URI to register and send. */
  readonly redirectUrl: string;
  readonly port: number;
  /** The query of the first request to the callback path. */
  readonly callback: Promise<URLSearchParams>;
  close(): Promise<void>;
}

/** Starts listening on `port` (0: any free port) of 127.0.0.1. */
export async function startLoopbackReceiver(port: number, translate: Translator): Promise<LoopbackReceiver> {
  let deliver: (params: URLSearchParams) => void = () => {};
  const callback = new Promise<URLSearchParams>((resolve) => {
    deliver = resolve;
  });
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method !== "GET" || url.pathname !== CALLBACK_PATH) {
      response.writeHead(404).end();
      return;
    }
    const ok = url.searchParams.has("code");
    response.writeHead(ok ? 200 : 400, {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      // The page must not send the code anywhere: no referrer, no scripts.
      "Referrer-Policy": "no-referrer",
      "Content-Security-Policy": "default-src 'none'",
    });
    const title = translate("oauth.page.title");
    const text = translate(ok ? "oauth.page.done" : "oauth.page.failed");
    response.end(
      `<!doctype html><html lang="${translate.language}"><meta charset="utf-8"><title>${title}</title><p>${text}</p></html>`,
    );
    deliver(url.searchParams);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    redirectUrl: `http://127.0.0.1:${address.port}${CALLBACK_PATH}`,
    port: address.port,
    callback,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
