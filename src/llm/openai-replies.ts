/**
 * The shapes of an OpenAI-compatible server's replies that agente reads, as loose zod objects (servers
 * such as vLLM, llama.cpp and LM Studio add fields of their own; those pass through).
 */
import { z } from "zod";

/** `POST /chat/completions` (not streamed). */
export const completionSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        finish_reason: z.string().nullish(),
        message: z
          .looseObject({
            content: z.string().nullish(),
            tool_calls: z
              .array(
                z.looseObject({
                  id: z.string().optional(),
                  function: z
                    .looseObject({ name: z.string().optional(), arguments: z.unknown().optional() })
                    .optional(),
                }),
              )
              .nullish(),
          })
          .optional(),
      }),
    )
    .optional(),
  usage: z
    .looseObject({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() })
    .nullish(),
});

/** `GET /models`. */
export const modelListSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string() })).nullish(),
});
