/**
 * The data-access layer the tools use. It owns the connection (opened on first use, version detected
 * once), enforces the model allowlist and the field denylist on every call, learns each model's fields
 * from `fields_get` (so tools ask only for fields this Odoo version has), retries reads, never writes
 * twice, and adapts the methods whose shape changed between versions (`read_group` →
 * `formatted_read_group` in 19, `name_search(args=…)` → `name_search(domain=…)` in 19).
 */

import { z } from "zod";
import { localised } from "../i18n/localised.js";
import { parseReply } from "../util/parse-reply.js";
import {
  fieldMapSchema,
  groupRowsSchema,
  namePairsSchema,
  odooAnswer,
  recordsSchema,
  unexpectedAnswer,
} from "./answers.js";
import type { OdooConnection } from "./connect.js";
import { allowedFields, type FieldMap, isDeniedField } from "./field-policy.js";
import { OdooError } from "./odoo-error.js";
import { DEFAULT_RETRY, type RetryPolicy, withRetry } from "./retry.js";
import type { OdooProtocol, OdooServerInfo } from "./transport.js";

/** An Odoo domain as sent on the wire: `[field, operator, value]` triples and `&`/`|`/`!` operators. */
export type Domain = Array<[string, string, unknown] | "&" | "|" | "!">;

export type OdooRecord = Record<string, unknown> & { id: number };

export interface SearchOptions {
  domain: Domain;
  fields: string[];
  limit?: number;
  offset?: number;
  order?: string;
}

export interface GroupRow {
  /** The group's value: `[id, name]` for a many2one, the raw value otherwise, `false` when empty. */
  value: unknown;
  count: number;
  /** The sum of the aggregated field, when one was asked. */
  sum: number;
}

export interface OdooClientOptions {
  connect: () => Promise<OdooConnection>;
  /** Models any call may touch. */
  models: readonly string[];
  retry?: RetryPolicy;
  /** Told once per successful connection (for a log line: version and protocol, never credentials). */
  onConnect?: (server: OdooServerInfo & { protocol: OdooProtocol }) => void;
}

/** What every view of one client shares: the connection and the learned fields. */
interface SharedState {
  connect: () => Promise<OdooConnection>;
  models: ReadonlySet<string>;
  retry: RetryPolicy;
  onConnect: OdooClientOptions["onConnect"];
  connection: Promise<OdooConnection> | undefined;
  fields: Map<string, Promise<FieldMap>>;
}

export class OdooClient {
  // Not readonly: `withSignal` points a new view at the same shared state.
  #shared: SharedState;
  /** Cancels this view's own requests; shared ones (login, `fields_get`) are never cancelled. */
  #signal: AbortSignal | undefined;

  constructor(options: OdooClientOptions) {
    this.#shared = {
      connect: options.connect,
      models: new Set(options.models),
      retry: options.retry ?? DEFAULT_RETRY,
      onConnect: options.onConnect,
      connection: undefined,
      fields: new Map(),
    };
    this.#signal = undefined;
  }

  /**
   * The same client (same connection and field cache) whose requests stop when `signal` aborts: a
   * tool call cancelled by the MCP client does not keep Odoo busy until the deadline.
   */
  withSignal(signal: AbortSignal | undefined): OdooClient {
    const view = new OdooClient({ connect: this.#shared.connect, models: [] });
    view.#shared = this.#shared;
    view.#signal = signal;
    return view;
  }

  isAllowedModel(model: string): boolean {
    return this.#shared.models.has(model);
  }

  allowedModels(): string[] {
    return [...this.#shared.models].sort();
  }

  async server(): Promise<OdooServerInfo & { protocol: OdooProtocol }> {
    const connection = await this.#connected();
    return { ...connection.server, protocol: connection.transport.protocol };
  }

  /** The model's readable fields in this database (denied fields removed). Cached per model. */
  fields(model: string): Promise<FieldMap> {
    this.#checkModel(model);
    let cached = this.#shared.fields.get(model);
    if (cached === undefined) {
      cached = this.#read(
        model,
        "fields_get",
        { attributes: ["string", "type", "relation", "selection"] },
        { shared: true },
      ).then((answer) =>
        allowedFields(parseReply(fieldMapSchema, answer, odooAnswer({ model, method: "fields_get" }))),
      );
      this.#shared.fields.set(model, cached);
      cached.catch(() => this.#shared.fields.delete(model));
    }
    return cached;
  }

  /** False when the model is not installed in this database (e.g. `hr.employee` without the HR app). */
  async hasModel(model: string): Promise<boolean> {
    if (!this.isAllowedModel(model)) return false;
    try {
      await this.fields(model);
      return true;
    } catch (error) {
      if (error instanceof OdooError && error.kind === "unknown-model") return false;
      throw error;
    }
  }

  /** The subset of `wanted` that exists (and is allowed) on the model in this version, in order. */
  async pickFields(model: string, wanted: readonly string[]): Promise<string[]> {
    const fields = await this.fields(model);
    return wanted.filter((name) => Object.hasOwn(fields, name));
  }

  async searchRead(model: string, options: SearchOptions): Promise<OdooRecord[]> {
    // An empty list would make Odoo send every field, binary ones included: ask for the name instead.
    const fields =
      options.fields.length === 0 ? ["display_name"] : await this.#checkedFields(model, options.fields);
    const params: Record<string, unknown> = { domain: options.domain, fields };
    if (options.limit !== undefined) params.limit = options.limit;
    if (options.offset !== undefined && options.offset > 0) params.offset = options.offset;
    if (options.order !== undefined) params.order = options.order;
    const answer = await this.#read(model, "search_read", params);
    return parseReply(recordsSchema, answer, odooAnswer({ model, method: "search_read" })).map(stripDenied);
  }

  async searchCount(model: string, domain: Domain): Promise<number> {
    const answer = await this.#read(model, "search_count", { domain });
    return parseReply(z.number(), answer, odooAnswer({ model, method: "search_count" }));
  }

  /**
   * Groups records by one field with a count and an optional sum. Odoo 19 has `formatted_read_group`
   * (`aggregates: ["f:sum", "__count"]`, row keys `f:sum`, `__count`); older versions have `read_group`
   * (`fields: ["f:sum"]`, `lazy: false`, row keys `f`, `__count`).
   */
  async readGroup(
    model: string,
    options: { domain: Domain; groupBy: string; sum?: string },
  ): Promise<GroupRow[]> {
    await this.#checkedFields(
      model,
      options.sum === undefined ? [options.groupBy] : [options.groupBy, options.sum],
    );
    const { major } = await this.server();
    const sumSpec = options.sum === undefined ? [] : [`${options.sum}:sum`];
    const answer =
      major >= 19
        ? await this.#read(model, "formatted_read_group", {
            domain: options.domain,
            groupby: [options.groupBy],
            aggregates: [...sumSpec, "__count"],
          })
        : await this.#read(model, "read_group", {
            domain: options.domain,
            fields: sumSpec,
            groupby: [options.groupBy],
            lazy: false,
          });
    const method = major >= 19 ? "formatted_read_group" : "read_group";
    return parseReply(groupRowsSchema, answer, odooAnswer({ model, method })).map((row) => {
      const sumValue = options.sum === undefined ? 0 : (row[`${options.sum}:sum`] ?? row[options.sum]);
      return {
        value: row[options.groupBy] ?? false,
        count: typeof row.__count === "number" ? row.__count : Number(row[`${options.groupBy}_count`] ?? 0),
        sum: typeof sumValue === "number" ? sumValue : 0,
      };
    });
  }

  /** `name_search`: the domain parameter is `args` up to Odoo 18 and `domain` from 19. */
  async nameSearch(
    model: string,
    name: string,
    options: { domain?: Domain; limit?: number } = {},
  ): Promise<Array<[number, string]>> {
    this.#checkModel(model);
    const { major } = await this.server();
    const params: Record<string, unknown> = { name, operator: "ilike", limit: options.limit ?? 8 };
    params[major >= 19 ? "domain" : "args"] = options.domain ?? [];
    const answer = await this.#read(model, "name_search", params);
    return parseReply(namePairsSchema, answer, odooAnswer({ model, method: "name_search" })).map(
      ([id, label]) => [id, String(label)],
    );
  }

  /** Creates one record; `create(vals_list)` answers a list of ids (a single id on old servers). */
  async create(model: string, values: Record<string, unknown>): Promise<number> {
    await this.#checkedFields(model, Object.keys(values));
    const answer = await this.#write(model, "create", { vals_list: [values] });
    const id = Array.isArray(answer) ? answer[0] : answer;
    if (typeof id !== "number") unexpectedAnswer({ model, method: "create" });
    return id;
  }

  async write(model: string, ids: number[], values: Record<string, unknown>): Promise<void> {
    await this.#checkedFields(model, Object.keys(values));
    await this.#write(model, "write", { vals: values }, ids);
  }

  /** Logs an internal note (`mail.mt_note`) in the record's chatter; answers the message id. */
  async postNote(model: string, id: number, body: string): Promise<number> {
    this.#checkModel(model);
    const answer = await this.#write(
      model,
      "message_post",
      { body, message_type: "comment", subtype_xmlid: "mail.mt_note" },
      [id],
    );
    const messageId = Array.isArray(answer) ? answer[0] : answer;
    if (typeof messageId !== "number") unexpectedAnswer({ model, method: "message_post" });
    return messageId;
  }

  #connected(): Promise<OdooConnection> {
    const shared = this.#shared;
    if (shared.connection === undefined) {
      const connection = shared.connect();
      shared.connection = connection;
      connection.then(
        (opened) => shared.onConnect?.({ ...opened.server, protocol: opened.transport.protocol }),
        () => {
          shared.connection = undefined;
        },
      );
    }
    return shared.connection;
  }

  #checkModel(model: string): void {
    if (!this.isAllowedModel(model)) {
      throw new OdooError("not-allowed", localised("errorsOdooTools.modelNotAllowed", { model }), {
        hint: localised("errorsOdooTools.modelNotAllowedHint", { models: this.allowedModels().join(", ") }),
      });
    }
  }

  async #checkedFields(model: string, names: readonly string[]): Promise<string[]> {
    const fields = await this.fields(model);
    for (const name of names) {
      if (isDeniedField(name)) {
        throw new OdooError(
          "not-allowed",
          localised("errorsOdooTools.protectedField", { field: name, model }),
          {
            hint: localised("errorsOdooTools.leaveFieldOut"),
          },
        );
      }
      if (!Object.hasOwn(fields, name)) {
        throw new OdooError("unknown-field", localised("errorsOdoo.unknownField", { field: name, model }), {
          hint: localised("errorsOdoo.unknownFieldHint"),
        });
      }
    }
    return [...names];
  }

  /** A read, retried on network trouble; `shared` reads (fields_get) ignore this view's signal. */
  #read(
    model: string,
    method: string,
    params: Record<string, unknown>,
    options: { shared?: boolean } = {},
  ): Promise<unknown> {
    this.#checkModel(model);
    const signal = options.shared ? undefined : this.#signal;
    return withRetry(async () => {
      const { transport } = await this.#connected();
      return transport.call({ model, method, params, signal });
    }, this.#shared.retry);
  }

  async #write(
    model: string,
    method: string,
    params: Record<string, unknown>,
    ids?: number[],
  ): Promise<unknown> {
    this.#checkModel(model);
    const { transport } = await this.#connected();
    const signal = this.#signal;
    return transport.call(
      ids === undefined ? { model, method, params, signal } : { model, method, ids, params, signal },
    );
  }
}

function stripDenied(row: OdooRecord): OdooRecord {
  for (const key of Object.keys(row)) {
    if (isDeniedField(key)) delete row[key];
  }
  return row;
}
