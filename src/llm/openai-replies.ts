/**
 * The shapes of an OpenAI-compatible server's replies that agente reads, as loose zod objects (servers
 * such as vLLM, llama.cpp and LM Studio add fields of their own; those pass through).
 */
import { z } from "zod";

const usageSchema = z
  .looseObject({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() })
  .nullish();

/** `POST /chat/completions` (not streamed: a server that ignores `stream` answers this way). */
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
  usage: usageSchema,
});

/**
 * One `data:` event of a streamed `POST /chat/completions` (`chat.completion.chunk`). A tool call arrives
 * in pieces keyed by `index`: the first piece carries its id and name, later ones more of its arguments.
 * Usage comes in a last chunk without choices (`stream_options.include_usage`). Some servers report a
 * failure after the stream began as an `error` event, since the HTTP status is already 200.
 */
export const completionChunkSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        finish_reason: z.string().nullish(),
        delta: z
          .looseObject({
            content: z.string().nullish(),
            tool_calls: z
              .array(
                z.looseObject({
                  index: z.number().optional(),
                  id: z.string().nullish(),
                  function: z
                    .looseObject({ name: z.string().nullish(), arguments: z.string().nullish() })
                    .nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
      }),
    )
    .nullish(),
  usage: usageSchema,
  error: z.union([z.string(), z.looseObject({ message: z.unknown() })]).optional(),
});

/** `GET /models`. */
export const modelListSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string() })).nullish(),
});
