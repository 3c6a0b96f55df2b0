/**
 * Plain-fetch helpers for the fake Odoo's own tests: build an XML-RPC `<methodCall>` by hand and
 * read the `<methodResponse>`, or post a JSON-2 call. Product code has its own clients; these exist
 * so that the fake can be tested without them.
 */

import {
  encodeValue,
  type MethodResponse,
  parseMethodResponse,
} from "../../../src/testing/fake-odoo/xmlrpc.js";

/** Posts an XML-RPC call and returns the raw response text and its parsed form. */
export async function xmlRpc(
  url: string,
  service: "common" | "object" | string,
  methodName: string,
  params: unknown[],
): Promise<{ status: number; text: string; response: MethodResponse }> {
  const body = `<?xml version='1.0'?>\n<methodCall>\n<methodName>${methodName}</methodName>\n<params>\n${params
    .map((param) => `<param>\n${encodeValue(param)}\n</param>`)
    .join("\n")}\n</params>\n</methodCall>\n`;
  const answer = await fetch(`${url}/xmlrpc/2/${service}`, {
    method: "POST",
    headers: { "content-type": "text/xml" },
    body,
  });
  const text = await answer.text();
  return { status: answer.status, text, response: parseMethodResponse(text) };
}

/** The value of a successful XML-RPC response; fails the test on a fault. */
export function resultOf(response: MethodResponse): unknown {
  if (response.kind !== "result")
    throw new Error(`unexpected fault ${response.faultCode}: ${response.faultString}`);
  return response.value;
}

/** Posts a JSON-2 call with a bearer key; returns status, headers and parsed body. */
export async function json2(
  url: string,
  model: string,
  method: string,
  body: Record<string, unknown>,
  options: { apiKey?: string | undefined; database?: string; authorization?: string } = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  else if (options.apiKey !== undefined) headers.authorization = `bearer ${options.apiKey}`;
  if (options.database !== undefined) headers["x-odoo-database"] = options.database;
  const answer = await fetch(`${url}/json/2/${model}/${method}`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  const text = await answer.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // an HTML error page stays text
  }
  return { status: answer.status, headers: answer.headers, body: parsed };
}
