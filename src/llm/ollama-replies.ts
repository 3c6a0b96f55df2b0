/**
 * The shapes of Ollama's replies that agente reads, as loose zod objects: a field Ollama adds later
 * passes through, a field we read with the wrong type is a clear error instead of a silent `undefined`.
 */
import { z } from "zod";

/** One NDJSON line of a streamed `/api/chat` reply. */
export const ollamaChatLineSchema = z.looseObject({
  error: z.unknown().optional(),
  message: z
    .looseObject({
      content: z.string().optional(),
      tool_calls: z
        .array(
          z.looseObject({
            function: z
              .looseObject({ name: z.string().optional(), arguments: z.unknown().optional() })
              .optional(),
          }),
        )
        .nullish(),
    })
    .optional(),
  done: z.boolean().optional(),
  done_reason: z.string().optional(),
  prompt_eval_count: z.number().optional(),
  eval_count: z.number().optional(),
});

/** `/api/version`. */
export const ollamaVersionSchema = z.looseObject({ version: z.string().optional() });

/** `/api/tags`: the pulled models. */
export const ollamaTagsSchema = z.looseObject({
  models: z.array(z.looseObject({ name: z.string() })).nullish(),
});

/** `/api/show`: `model_info` holds `<architecture>.context_length` among many other keys. */
export const ollamaShowSchema = z.looseObject({
  model_info: z.record(z.string(), z.unknown()).nullish(),
});
