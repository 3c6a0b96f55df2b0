/**
 * The HTTP app of `agente serve` (Fastify): the API key check, the secret guard on every reply, limits,
 * CORS only when configured, and the routes: `/health`, the OpenAI-compatible API, the web chat and its
 * API, and `/mcp` for the gateway.
 */

import type { Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import Fastify, { type FastifyHttpOptions, type FastifyInstance, type FastifyRequest } from "fastify";
import type { Language } from "../i18n/language.js";
import { inEnglish, localised } from "../i18n/localised.js";
import type { Translator } from "../i18n/translator.js";
import { Redactor } from "../util/secret-redaction.js";
import type { AgentService } from "./agent-service.js";
import { apiError, sendApiError } from "./api-error.js";
import { callerOf } from "./auth.js";
import type { DocumentIngester } from "./documents.js";
import { type HealthReport, withoutLogs } from "./health.js";
import { type HostCheck, refusedHost } from "./host-check.js";
import type { McpGatewayPort } from "./mcp-gateway-port.js";
import { registerOpenAiRoutes } from "./openai-routes.js";
import type { PageAssets } from "./page-assets.js";
import { registerPageRoutes } from "./page-routes.js";
import { trackRequestTimes } from "./request-timing.js";
import { registerServerLogin, type ServerLoginOptions } from "./server-login.js";
import { type AccessPolicy, resolveAccessPolicy } from "./team/access-policy.js";
import type { Accounts } from "./team/accounts.js";
import { ApprovalDesk } from "./team/approval-desk.js";
import { registerApprovalRoutes } from "./team/approval-routes.js";
import type { AuditLog } from "./team/audit-log.js";
import { registerAuditRoutes } from "./team/audit-routes.js";
import { LoginLimiter } from "./team/login-limiter.js";
import {
  OIDC_PUBLIC_ROUTES,
  type OidcSignIn,
  oidcLoginLinkHtml,
  registerOidcRoutes,
} from "./team/oidc-routes.js";
import { changesState, originAllowed } from "./team/origin-check.js";
import { ownerPerson, type Person } from "./team/person.js";
import { withRequestRole } from "./team/request-role.js";
import { signedInByBearer } from "./team/sign-in.js";
import { TurnLimiter } from "./turn-limiter.js";
import { registerWebRoutes } from "./web-routes.js";

export interface ServeLimits {
  /** Largest JSON body (bytes). */
  bodyBytes: number;
  /** Largest uploaded document (bytes). */
  uploadBytes: number;
  /** Turns one key may run at once. */
  turnsPerKey: number;
}

export const DEFAULT_LIMITS: ServeLimits = { bodyBytes: 1_048_576, uploadBytes: 20_971_520, turnsPerKey: 16 };

export interface AppDeps {
  service: AgentService;
  health: () => HealthReport | Promise<HealthReport>;
  modelName: string;
  /** `AGENTE_API_KEY`; absent: no key is asked for (loopback only, see serve-settings). */
  apiKey?: string;
  /** Values never returned to a client. */
  secrets: readonly string[];
  limits?: Partial<ServeLimits>;
  /** The one origin allowed to call the API from a browser (`AGENTE_CORS_ORIGIN`); absent: no CORS. */
  corsOrigin?: string;
  documents?: DocumentIngester;
  mcpGateway?: McpGatewayPort;
  page: PageAssets;
  /** Language of the page when the browser says nothing. */
  defaultLanguage?: Language;
  /**
   * DNS-rebinding protection (host-check.ts): present when serve binds loopback without an API key, so
   * only loopback names with the bound port (and `AGENTE_ALLOWED_HOSTS`) reach it.
   */
  hostCheck?: HostCheck;
  /** Where unexpected failures are reported (stderr in `agente serve`). */
  log?: (line: string) => void;
  /**
   * Who a request acts for (team/person.ts), or undefined when it carries no valid sign-in. Default: the
   * API key check, where the key (or loopback without a key) is the one owner.
   */
  identify?: (request: FastifyRequest) => Person | undefined | Promise<Person | undefined>;
  /** Roles (default: the built-in ones): who may publish to the shared memory and read the audit trail. */
  access?: AccessPolicy;
  /** The audit trail `GET /api/audit` reads; absent: that route answers 404. */
  audit?: AuditLog;
  /** How often this replica expires approvals nobody decided (ms). Default 30 s. */
  approvalSweepMs?: number;
  /** Local accounts: the login form asks for a name and password once there are any (team/accounts.ts). */
  accounts?: Accounts;
  /** Wrong sign-ins per address and account; default 19 answered, then 429 for 15 minutes. */
  loginLimiter?: LoginLimiter;
  /** HTTPS with this certificate and key (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Fastify's `trustProxy` (`AGENTE_TRUST_PROXY`): the client's address, host and scheme come from the
   * proxy's X-Forwarded-* headers, so the cookie is `Secure` behind an HTTPS proxy.
   */
  trustProxy?: boolean | string;
  /** The status panel's sign-in for servers that need an OAuth login (server-login.ts). */
  serverLogin?: ServerLoginOptions;
  /** Single sign-on (the `oidc` section): its routes and the login form's link; absent: none. */
  oidc?: OidcSignIn;
}

/** The single-person check: `AGENTE_API_KEY` as bearer or cookie, or nobody asked when there is no key. */
export function keyIdentity(apiKey: string | undefined): (request: FastifyRequest) => Person | undefined {
  if (apiKey === undefined) return () => ownerPerson("local");
  return (request) => (callerOf(request, apiKey) === undefined ? undefined : ownerPerson("key"));
}

/** Routes anyone may reach: the health check and the login form. */
const PUBLIC_ROUTES = new Set<string>([
  "GET /health",
  "HEAD /health",
  "POST /login",
  "POST /logout",
  ...OIDC_PUBLIC_ROUTES,
]);

export function createApp(deps: AppDeps): FastifyInstance {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const tls = deps.tls;
  const options: FastifyHttpOptions<Server> = {
    bodyLimit: limits.bodyBytes,
    logger: false,
    return503OnClosing: true,
  };
  if (deps.trustProxy !== undefined) options.trustProxy = deps.trustProxy;
  if (tls !== undefined)
    options.serverFactory = (handler) => createHttpsServer({ cert: tls.cert, key: tls.key }, handler);
  const app = Fastify(options);
  const limiter = new TurnLimiter(limits.turnsPerKey);
  const identify = deps.identify ?? keyIdentity(deps.apiKey);
  const caller = (request: FastifyRequest) => request.person?.id ?? "anonymous";
  const redactor = new Redactor(deps.secrets);
  const access = deps.access ?? resolveAccessPolicy(undefined);
  const oidc = deps.oidc;
  trackRequestTimes(app);

  app.addContentTypeParser(
    "application/octet-stream",
    { parseAs: "buffer", bodyLimit: limits.uploadBytes },
    (_request, body, done) => done(null, body),
  );
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    if (deps.hostCheck !== undefined) {
      const refused = refusedHost(
        {
          host: request.headers.host,
          origin: request.headers.origin,
          localPort: request.socket.localPort,
          scheme: request.protocol,
        },
        deps.hostCheck,
      );
      if (refused !== undefined)
        return sendApiError(reply, 403, refused, "permission_error", "host_not_allowed");
    }
    if (deps.corsOrigin !== undefined && request.headers.origin === deps.corsOrigin) {
      reply.header("access-control-allow-origin", deps.corsOrigin);
      reply.header("vary", "origin");
      reply.header("access-control-allow-headers", "authorization, content-type, x-agente-session");
      reply.header("access-control-allow-methods", "GET, POST, PATCH, DELETE, OPTIONS");
      if (request.method === "OPTIONS") return reply.code(204).send();
    }
    const route = `${request.method} ${request.url.split("?")[0]}`;
    const person = await identify(request);
    if (person !== undefined) request.person = person;
    // A change asked for by a page signed in with its cookie must come from that page (team/origin-check.ts).
    if (
      person !== undefined &&
      person.via !== "local" &&
      changesState(request.method) &&
      !signedInByBearer(request) &&
      !PUBLIC_ROUTES.has(route) &&
      !originAllowed(request, deps.corsOrigin, false)
    )
      return sendApiError(
        reply,
        403,
        inEnglish(localised("team.originRefused", { origin: request.headers.origin ?? "" })),
        "permission_error",
        "origin_not_allowed",
      );
    if (person !== undefined || PUBLIC_ROUTES.has(route)) return;
    // The page itself answers with its login form (still 401); everything else with the API error.
    if (route === "GET /") return;
    reply.header("www-authenticate", 'Bearer realm="agente"');
    return sendApiError(
      reply,
      401,
      deps.accounts === undefined
        ? "missing or wrong API key: send Authorization: Bearer <AGENTE_API_KEY>"
        : inEnglish(localised("team.signInRequired")),
      "authentication_error",
      "invalid_api_key",
    );
  });

  // The secret guard on every reply that goes through Fastify (streams apply it per event: sse.ts).
  app.addHook("onSend", async (_request, _reply, payload) =>
    typeof payload === "string" ? redactor.text(payload) : payload,
  );

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413)
      return sendApiError(
        reply,
        413,
        "the request body is too large",
        "invalid_request_error",
        "body_too_large",
      );
    if (status >= 400 && status < 500)
      return sendApiError(reply, status, error.message, "invalid_request_error", error.code ?? null);
    deps.log?.(`! ${request.method} ${request.url.split("?")[0]}: ${redactor.text(error.message)}`);
    return sendApiError(reply, 500, error.message, "server_error");
  });
  app.setNotFoundHandler((request, reply) =>
    sendApiError(reply, 404, `no route ${request.method} ${request.url.split("?")[0]}`, "not_found_error"),
  );

  app.get("/health", async () => withoutLogs(await deps.health()));

  registerOpenAiRoutes(app, {
    service: deps.service,
    limiter,
    modelName: deps.modelName,
    redactor,
    caller,
  });
  registerWebRoutes(app, {
    service: deps.service,
    limiter,
    redactor,
    caller,
    health: deps.health,
    defaultLanguage: deps.defaultLanguage ?? "en",
    access,
    ...(deps.documents === undefined ? {} : { documents: deps.documents }),
  });
  if (deps.serverLogin !== undefined) registerServerLogin(app, deps.serverLogin);
  if (deps.audit !== undefined) registerAuditRoutes(app, { audit: deps.audit, access });
  const desk = new ApprovalDesk({
    service: deps.service,
    ...(deps.log === undefined ? {} : { log: deps.log }),
  });
  registerApprovalRoutes(app, desk);
  app.addHook("onReady", async () => desk.start(deps.approvalSweepMs ?? 30_000));
  app.addHook("onClose", async () => desk.close());
  registerPageRoutes(app, {
    page: deps.page,
    ...(deps.apiKey === undefined ? {} : { apiKey: deps.apiKey }),
    defaultLanguage: deps.defaultLanguage ?? "en",
    limiter: deps.loginLimiter ?? new LoginLimiter(),
    ...(deps.accounts === undefined ? {} : { accounts: deps.accounts }),
    ...(deps.corsOrigin === undefined ? {} : { corsOrigin: deps.corsOrigin }),
    ...(oidc === undefined ? {} : { signInLink: (t: Translator) => oidcLoginLinkHtml(oidc.settings, t) }),
  });
  if (oidc !== undefined) registerOidcRoutes(app, oidc, deps.defaultLanguage ?? "en");

  app.route({
    method: ["GET", "POST", "DELETE"],
    url: "/mcp",
    handler: async (request, reply) => {
      const gateway = deps.mcpGateway;
      if (gateway === undefined)
        return reply.code(404).send(apiError("this server runs without the MCP gateway", "not_found_error"));
      reply.hijack();
      // The token owner's role applies inside the gateway (team/request-role.ts).
      const handle = () => gateway.handle(request.raw, reply.raw, request.body, request.person?.id);
      const person = request.person;
      if (person === undefined) await handle();
      else {
        const role = deps.service.roleOf(person);
        await withRequestRole(role, handle, { id: person.id, publish: role.publish });
      }
      return reply;
    },
  });
  return app;
}
