/**
 * The HTTP client of `serve.bench.ts`: `node:http` with one keep-alive agent, replies parsed with zod.
 * Global `fetch` (undici) costs about 0.6–1.5 ms more per request on this machine, which would show as
 * serve's overhead; this client keeps the client's share of the round trip small and the same for the
 * echo baseline and for agente.
 */
import { Agent, request } from "node:http";
import { z } from "zod";

export interface JsonReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonReply> {
  const text = JSON.stringify(body);
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(text),
          ...headers,
        },
      },
      (response) => {
        let received = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          received += chunk;
        });
        response.on("end", () => {
          try {
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: JSON.parse(received),
            });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(text);
  });
}

export const createdSession = z.looseObject({ id: z.string() });

export const completionReply = z.looseObject({
  choices: z.array(z.looseObject({ message: z.looseObject({ content: z.string() }) })),
  agente: z.looseObject({ turnMs: z.number() }),
});

/** `agent;dur=…, total;dur=…` of a reply, in ms. */
export function serverTiming(header: string | string[] | undefined): { agent: number; total: number } {
  const text = Array.isArray(header) ? header.join(", ") : (header ?? "");
  return {
    agent: Number(/agent;dur=([\d.]+)/.exec(text)?.[1]),
    total: Number(/total;dur=([\d.]+)/.exec(text)?.[1]),
  };
}
