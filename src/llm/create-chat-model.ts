/** Builds the configured provider. `auto` must be settled first by `chooseProvider` (choose-provider.ts). */
import { localised } from "../i18n/localised.js";
import { UserError } from "../util/errors.js";
import type { ChatModel } from "./chat-model.js";
import type { FetchFunction } from "./http-json.js";
import { LlamaCppModel } from "./llama-cpp-model.js";
import type { ModelSettings } from "./model-settings.js";
import { OllamaModel } from "./ollama-model.js";
import { OpenAiModel } from "./openai-model.js";

export function createChatModel(
  settings: ModelSettings,
  dependencies: { fetch?: FetchFunction } = {},
): ChatModel {
  const fetchOption = dependencies.fetch === undefined ? {} : { fetch: dependencies.fetch };
  switch (settings.provider) {
    case "auto":
      throw new Error("createChatModel: settle provider auto with chooseProvider first");
    case "ollama":
      return new OllamaModel({
        baseUrl: settings.baseUrl,
        model: settings.model,
        temperature: settings.temperature,
        maxTokens: settings.maxTokens,
        contextSize: settings.contextSize,
        ...fetchOption,
      });
    case "openai":
      return new OpenAiModel({
        baseUrl: settings.baseUrl,
        model: settings.model,
        apiKey: settings.apiKey,
        temperature: settings.temperature,
        maxTokens: settings.maxTokens,
        ...fetchOption,
      });
    case "llama-cpp":
      if (settings.gguf === undefined) {
        throw new UserError(localised("errorsModel.llamaCpp.needsFile"), {
          hint: localised("errorsModel.llamaCpp.needsFileHint"),
        });
      }
      return new LlamaCppModel({
        ggufPath: settings.gguf,
        model: settings.model,
        gpu: settings.gpu,
        temperature: settings.temperature,
        maxTokens: settings.maxTokens,
        contextSize: settings.contextSize,
      });
  }
}
