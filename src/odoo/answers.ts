/**
 * The shapes of the Odoo answers the client reads, as loose zod schemas (XML-RPC and JSON-2 decode to the
 * same values), and the one error for an answer of another shape. The parsing itself is util/parse-reply.ts's,
 * as for every other reply: `parseReply(schema, answer, odooAnswer(call))`.
 */

import { z } from "zod";
import { localised } from "../i18n/localised.js";
import type { ReplySource } from "../util/parse-reply.js";
import { OdooError } from "./odoo-error.js";

/** `search_read`: one object per record, always with its `id`. */
export const recordsSchema = z.array(z.looseObject({ id: z.number() }));

/** `read_group` / `formatted_read_group`: one object per group. */
export const groupRowsSchema = z.array(z.record(z.string(), z.unknown()));

/** `name_search`: `[id, display name]` pairs. */
export const namePairsSchema = z.array(z.tuple([z.number(), z.unknown()]));

/** `fields_get` with the attributes `string`, `type`, `relation`, `selection`. */
export const fieldMapSchema = z.record(
  z.string(),
  z.looseObject({
    string: z.string().optional(),
    type: z.string(),
    relation: z.string().optional(),
    // Selection keys are strings in the core modules; a few modules use integers.
    selection: z.array(z.tuple([z.union([z.string(), z.number()]).transform(String), z.string()])).optional(),
  }),
);

/** An Odoo answer to one call, for `parseReply`: a mismatch is one `protocol` error naming the call and what was off. */
export function odooAnswer(call: { model: string; method: string }): ReplySource {
  return {
    what: `Odoo's answer to ${call.model === "" ? call.method : `${call.model}.${call.method}`}`,
    mismatch: (issue, cause) =>
      unexpectedError(
        call,
        `${issue.path === "" ? "" : ` at ${issue.path}`}${issue.message === "" ? "" : `: ${issue.message}`}`,
        cause,
      ),
  };
}

/** The error for an answer of the wrong shape; `detail` says where and what, when known. */
export function unexpectedAnswer(
  call: { model: string; method: string },
  detail = "",
  cause?: unknown,
): never {
  throw unexpectedError(call, detail, cause);
}

function unexpectedError(
  call: { model: string; method: string },
  detail: string,
  cause?: unknown,
): OdooError {
  const name = call.model === "" ? call.method : `${call.model}.${call.method}`;
  return new OdooError("protocol", localised("errorsOdoo.unexpectedShape", { call: name, detail }), {
    hint: localised("errorsOdoo.unexpectedShapeHint"),
    ...(cause === undefined ? {} : { cause }),
  });
}
