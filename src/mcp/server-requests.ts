/**
 * One server's side of the hub's hooks (client-handlers.ts): the capabilities its SDK `Client` declares,
 * the handlers it registers for the server's questions (elicitation, sampling, roots), its notifications
 * (log messages, resource updates), and which call a question belongs to.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Client, ClientCapabilities } from "@modelcontextprotocol/client";
import type { CallHooks, ClientHooks, QuestionContext, ServerQuestions } from "./client-handlers.js";

/** Thrown to the server (as a JSON-RPC error) when nobody on this host answers sampling. */
const NO_SAMPLER = "agente cannot answer sampling requests here";

export class ServerRequests {
  private readonly currentCall = new AsyncLocalStorage<CallHooks>();
  private readonly inFlight = new Set<CallHooks>();

  constructor(
    private readonly server: string,
    /** The hub's hooks, shared by its connections (the hub may change questions and roots later). */
    private readonly hooks: ClientHooks,
  ) {}

  /**
   * Capabilities declared truthfully: elicitation (form and/or URL) and sampling only when the host
   * answers them, roots (with `listChanged`) when the host offers roots.
   */
  capabilities(): ClientCapabilities {
    const questions = this.hooks.questions ?? {};
    const capabilities: ClientCapabilities = {};
    if (questions.elicitForm !== undefined || questions.elicitUrl !== undefined) {
      capabilities.elicitation = {
        ...(questions.elicitForm === undefined ? {} : { form: {} }),
        ...(questions.elicitUrl === undefined ? {} : { url: {} }),
      };
    }
    if (questions.sample !== undefined) capabilities.sampling = {};
    if (this.hooks.roots !== undefined) capabilities.roots = { listChanged: true };
    return capabilities;
  }

  /** Runs one call with its own hooks: questions asked during it go to `hooks.questions` first. */
  async during<T>(hooks: CallHooks, work: () => Promise<T>): Promise<T> {
    this.inFlight.add(hooks);
    try {
      return await this.currentCall.run(hooks, work);
    } finally {
      this.inFlight.delete(hooks);
    }
  }

  /** Registers the question and notification handlers on a client before it connects. */
  install(client: Client): void {
    const declared = this.capabilities();
    if (declared.elicitation !== undefined) {
      client.setRequestHandler("elicitation/create", async (request, ctx) => {
        const params = request.params;
        const questions = this.questionsNow();
        const context = this.context(ctx.mcpReq.signal);
        if (params.mode === "url") {
          return questions.elicitUrl ? questions.elicitUrl(params, context) : { action: "decline" };
        }
        return questions.elicitForm ? questions.elicitForm(params, context) : { action: "decline" };
      });
    }
    if (declared.sampling !== undefined) {
      client.setRequestHandler("sampling/createMessage", async (request, ctx) => {
        const sample = this.questionsNow().sample;
        if (sample === undefined) throw new Error(NO_SAMPLER);
        return sample(request.params, this.context(ctx.mcpReq.signal));
      });
    }
    if (declared.roots !== undefined) {
      client.setRequestHandler("roots/list", async () => ({
        roots: this.hooks.confinedRoots?.[this.server] ?? this.hooks.roots ?? [],
      }));
    }
    client.setNotificationHandler("notifications/message", (notification) => {
      this.hooks.events?.onLog?.(this.server, notification.params);
    });
    client.setNotificationHandler("notifications/resources/updated", (notification) => {
      this.hooks.events?.onResourceUpdated?.(this.server, notification.params.uri);
    });
    // Tools' list changes go through the SDK's listChanged option (sdk-client.ts), which re-lists them.
    client.setNotificationHandler("notifications/resources/list_changed", () => {
      this.hooks.events?.onListChanged?.(this.server, "resources");
    });
    client.setNotificationHandler("notifications/prompts/list_changed", () => {
      this.hooks.events?.onListChanged?.(this.server, "prompts");
    });
  }

  /** The call's own questions (found through the async context, or the only call in flight), else the hub's. */
  private questionsNow(): ServerQuestions {
    const hub = this.hooks.questions ?? {};
    const own = this.currentCall.getStore()?.questions ?? this.onlyCallQuestions();
    return own === undefined ? hub : { ...hub, ...own };
  }

  private onlyCallQuestions(): ServerQuestions | undefined {
    const withQuestions = [...this.inFlight].filter((call) => call.questions !== undefined);
    return withQuestions.length === 1 ? withQuestions[0]?.questions : undefined;
  }

  private context(signal: AbortSignal): QuestionContext {
    return { server: this.server, signal };
  }
}
