/**
 * One way to call Odoo model methods, whatever the wire protocol. Both transports take the same call:
 * the model, the method, the record ids for record methods (`write`, `message_post`), and the method's
 * parameters by name. JSON-2 sends them as the body; XML-RPC sends `execute_kw(…, [ids], params)`.
 */
export type OdooProtocol = "json2" | "xmlrpc";

export interface OdooCall {
  model: string;
  method: string;
  /** Record ids for methods that run on records; omit for `@api.model` methods (`search_read`, `create`). */
  ids?: number[];
  /** The method's parameters by name (`domain`, `fields`, `limit`, `vals` …). */
  params?: Record<string, unknown>;
  /** Cancels this call's HTTP request. */
  signal?: AbortSignal;
}

export interface OdooTransport {
  readonly protocol: OdooProtocol;
  /** Runs one method call. Throws `OdooError` for every failure. */
  call(call: OdooCall): Promise<unknown>;
}

/** What `detectServer` learned about the Odoo server. */
export interface OdooServerInfo {
  /** Major version, e.g. 17 or 19 (SaaS versions like "saas~18.2" give 18). */
  major: number;
  /** The version string as Odoo reports it, e.g. "17.0" or "19.0+e". */
  serverVersion: string;
}
