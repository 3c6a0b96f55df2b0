/**
 * The status panel's "sign in" for a remote MCP server that needs an OAuth login: the same flow as
 * `agente login SERVER` (src/mcp/oauth), started by `POST /api/servers/:name/login`. The authorization
 * address goes back to the page, which opens it in the person's browser; the redirect comes back to the
 * flow's loopback receiver, so this works only for a browser on the machine that runs `serve` (served
 * on loopback). Elsewhere the panel says to run `agente login` on that machine. Once signed in, the hub
 * connects the server again. Only an admin may start it: the tokens act for everyone using `serve`.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ServerConfig } from "../config/server-config.js";
import type { Translator } from "../i18n/translator.js";
import type { McpHub } from "../mcp/hub.js";
import { FileOAuthStore, oauthFolder } from "../mcp/oauth/file-oauth-store.js";
import { signInToServer } from "../mcp/oauth/sign-in-flow.js";
import { errorMessage } from "../util/errors.js";
import { sendApiError } from "./api-error.js";
import { personOf } from "./team/person.js";

export interface ServerLoginOptions {
  servers: readonly ServerConfig[];
  hub: Pick<McpHub, "reconnect">;
  /** Whether `serve` listens on loopback only: the login's redirect reaches a browser on this machine. */
  loopback: boolean;
  translate: Translator;
  log: (line: string) => void;
  env: Record<string, string | undefined>;
  /** How long the page waits for the authorization address (ms). Default 30 s. */
  addressTimeoutMs?: number;
}

const nameParams = z.looseObject({ name: z.string().min(1) });

export function registerServerLogin(app: FastifyInstance, options: ServerLoginOptions): void {
  const running = new Set<string>();
  app.post("/api/servers/:name/login", async (request, reply) => {
    const params = nameParams.safeParse(request.params);
    if (!params.success) return sendApiError(reply, 400, "name a server", "invalid_request_error");
    // The tokens serve keeps act for every person using the server: only an admin signs it in.
    if (personOf(request).role !== "admin")
      return sendApiError(reply, 403, "only an admin signs a server in", "permission_error");
    const name = params.data.name;
    const config = options.servers.find((server) => server.name === name);
    if (config === undefined || config.transport === "stdio")
      return sendApiError(reply, 404, `no remote server ${name}`, "not_found_error");
    if (!options.loopback)
      return sendApiError(
        reply,
        409,
        `serve is not on loopback: run agente login ${name} on the server's machine`,
        "invalid_request_error",
      );
    if (running.has(name))
      return sendApiError(reply, 409, "a sign-in is already running", "invalid_request_error");
    running.add(name);
    let giveAddress: (url: string | undefined) => void = () => {};
    const address = new Promise<string | undefined>((resolve) => {
      giveAddress = resolve;
    });
    const flow = signInToServer(config, {
      store: new FileOAuthStore(oauthFolder(options.env)),
      signIn: {
        // The page opens the address in the person's browser: nothing is opened on the server's side.
        opener: {
          open: async (url) => {
            giveAddress(url);
            return true;
          },
        },
        translate: options.translate,
        say: (line) => options.log(line),
      },
    });
    void flow
      .then(async (outcome) => {
        giveAddress(undefined);
        options.log(`[${name}] ${outcome}`);
        await options.hub.reconnect(name);
      })
      .catch((error: unknown) => {
        giveAddress(undefined);
        options.log(`! ${errorMessage(error)}`);
      })
      .finally(() => running.delete(name));
    const timeout = new Promise<undefined>((resolve) =>
      setTimeout(() => resolve(undefined), options.addressTimeoutMs ?? 30_000).unref(),
    );
    const url = await Promise.race([address, timeout]);
    if (url === undefined) return { server: name, started: false };
    return { server: name, started: true, url };
  });
}
