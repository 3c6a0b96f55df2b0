/**
 * node-llama-cpp's runtime, as both of agente's in-process engines (the embedded chat provider and the GGUF
 * embedder) start and stop it: llama.cpp's prebuilt binary for this machine (never built here), quiet logs,
 * and a shutdown that frees the context, the model and the runtime in that order.
 */
import type { Llama, LlamaOptions } from "node-llama-cpp";
import type { LocalisedText } from "../i18n/localised.js";
import { errorMessage, SystemError } from "../util/errors.js";

export type NodeLlamaCpp = typeof import("node-llama-cpp");

/** Starts llama.cpp; `hint` says what to do when this machine has no prebuilt binary. */
export async function startLlama(
  module: NodeLlamaCpp,
  options: { gpu: LlamaOptions["gpu"]; hint: string | LocalisedText },
): Promise<Llama> {
  try {
    return await module.getLlama({
      gpu: options.gpu,
      build: "never",
      progressLogs: false,
      logLevel: module.LlamaLogLevel.error,
    });
  } catch (error) {
    throw new SystemError(
      `node-llama-cpp has no prebuilt llama.cpp binary for this machine (${errorMessage(error)})`,
      { cause: error, hint: options.hint },
    );
  }
}

interface Disposable {
  dispose(): Promise<void>;
}

/** Frees a started engine (one that failed to start has nothing to free). */
export async function disposeEngine(
  engine: Promise<{ context: Disposable; model: Disposable; llama: Disposable }> | undefined,
): Promise<void> {
  if (engine === undefined) return;
  const started = await engine.catch(() => undefined);
  if (started === undefined) return;
  await started.context.dispose();
  await started.model.dispose();
  await started.llama.dispose();
}
