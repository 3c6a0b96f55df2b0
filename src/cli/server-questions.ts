/**
 * The CLI's answers to an MCP server's questions (the hub's `ServerQuestions`, src/mcp/client-handlers.ts):
 * - a form (elicitation, form mode) is asked on the terminal (elicitation-form.ts); without a terminal it
 *   is declined, except that `--yes` accepts a form whose every required field has a default;
 * - a URL (elicitation, URL mode) is shown, and opened with the browser opener of src/mcp/oauth only when
 *   the person says yes; without a terminal it is declined;
 * - sampling is shown and answered by agente's model once the person approves; without a terminal it is
 *   refused, unless `--yes`.
 */
import type { CreateMessageRequestParams, CreateMessageResult } from "@modelcontextprotocol/client";
import type { Translator } from "../i18n/translator.js";
import type { ServerQuestions } from "../mcp/client-handlers.js";
import type { BrowserOpener } from "../mcp/oauth/browser-opener.js";
import { UserError } from "../util/errors.js";
import { stripControlSequences } from "../util/terminal-text.js";
import { type Ask, acceptableByDefaults, askForm, formDefaults } from "./elicitation-form.js";

/** agente's model answering one sampling request (runtime/model-sampler.ts), once there is a model. */
export type Sampler = (
  params: CreateMessageRequestParams,
  signal: AbortSignal,
) => Promise<CreateMessageResult>;

export interface CliQuestionOptions {
  /** `--yes` on the command. */
  yes: boolean;
  translate: Translator;
  /** Asks on the terminal; undefined when there is none. */
  ask: Ask | undefined;
  opener: BrowserOpener;
  /** Lines for the person (stderr). */
  write: (line: string) => void;
  /** The model's sampler, when the command has a model (the chat and `ask` set it once it is built). */
  sampler: () => Sampler | undefined;
}

const YES = /^(s|si|sí|y|yes)$/i;

export function cliQuestions(options: CliQuestionOptions): Required<ServerQuestions> {
  const { translate: t, ask, write } = options;
  return {
    async elicitForm(params, { server }) {
      if (ask !== undefined) return askForm(server, params, ask, t);
      if (options.yes && acceptableByDefaults(params))
        return { action: "accept", content: formDefaults(params) };
      write(t("mcpClient.elicitation.declinedNoTerminal", { server }));
      return { action: "decline" };
    },
    async elicitUrl(params, { server }) {
      if (ask === undefined) {
        write(t("mcpClient.elicitation.declinedNoTerminal", { server }));
        return { action: "decline" };
      }
      const reply = await ask(
        t("mcpClient.elicitation.url", {
          server,
          url: stripControlSequences(params.url),
          message: stripControlSequences(params.message),
        }),
      );
      if (reply === undefined) return { action: "cancel" };
      if (!YES.test(reply.trim())) return { action: "decline" };
      if (!(await options.opener.open(params.url)))
        write(t("mcpClient.elicitation.urlNotOpened", { url: stripControlSequences(params.url) }));
      return { action: "accept" };
    },
    async sample(params, { server, signal }) {
      const sampler = options.sampler();
      if (sampler === undefined) throw new UserError(t("mcpClient.sampling.noModel"));
      if (!options.yes) {
        if (ask === undefined) throw new UserError(t("mcpClient.sampling.noTerminal"));
        const messages = params.messages
          .map((message) => {
            const content = Array.isArray(message.content) ? message.content : [message.content];
            const text = content
              .map((part) => (part.type === "text" ? part.text : `[${part.type}]`))
              .join(" ");
            return `  ${message.role}: ${stripControlSequences(text)}`;
          })
          .join("\n");
        const reply = await ask(
          t("mcpClient.sampling.question", { server, maxTokens: params.maxTokens, messages }),
        );
        if (reply === undefined || !YES.test(reply.trim()))
          throw new UserError(t("mcpClient.sampling.declined"));
      }
      return sampler(params, signal);
    },
  };
}
