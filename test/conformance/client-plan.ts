/**
 * What the client driver does for one scenario of the suite, as a user of agente would: connect and list
 * (`agente servers --json`), then call the tools the scenario's server offers for it
 * (`agente tools call NAME --args … --yes`), with the scenario's client credentials in the server entry's
 * `oauth` object when the scenario gives some.
 */
import { z } from "zod";

export interface PlannedCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** `MCP_CONFORMANCE_CONTEXT`: what a scenario hands its client (credentials, tool calls). */
export const scenarioContextSchema = z.looseObject({
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  private_key_pem: z.string().optional(),
  signing_algorithm: z.string().optional(),
  toolCalls: z
    .array(z.looseObject({ name: z.string(), arguments: z.record(z.string(), z.unknown()) }))
    .optional(),
});
export type ScenarioContext = z.infer<typeof scenarioContextSchema>;

/** The tool each scenario's server offers for a call (the suite's scenario texts name them). */
const CALLS: Record<string, PlannedCall[]> = {
  tools_call: [{ name: "add_numbers", arguments: { a: 2, b: 3 } }],
  "sse-retry": [{ name: "test_reconnection", arguments: {} }],
  "elicitation-sep1034-client-defaults": [{ name: "test_client_elicitation_defaults", arguments: {} }],
  "sep-2322-client-request-state": [
    { name: "test_mrtr_echo_state", arguments: {} },
    { name: "test_mrtr_no_state", arguments: {} },
    { name: "test_mrtr_no_result_type", arguments: {} },
    // Called between the others' rounds: it must carry no inputResponses or requestState of theirs.
    { name: "test_mrtr_unrelated", arguments: {} },
  ],
  // The valid tool beside the ones with invalid x-mcp-header declarations (which the hub leaves out).
  "http-invalid-tool-headers": [{ name: "valid_tool", arguments: { region: "us-west" } }],
  "http-standard-headers": [{ name: "test_headers", arguments: {} }],
  "request-metadata": [{ name: "test", arguments: {} }],
};

/**
 * json-schema-2020-12-preservation: echo the input schema of `json_schema_2020_12_tool` as the CLI lists it
 * (`agente tools list --json`) back through `json_schema_echo`, so the suite sees what the hub kept of it.
 */
export function schemaEchoCall(listed: unknown): PlannedCall | undefined {
  const tools = z
    .array(z.looseObject({ name: z.string(), inputSchema: z.unknown().optional() }))
    .safeParse(listed);
  const focal = tools.data?.find((tool) => tool.name === "json_schema_2020_12_tool");
  return focal === undefined
    ? undefined
    : { name: "json_schema_echo", arguments: { schema: focal.inputSchema } };
}

/** Every auth scenario's server offers `test-tool` once the client holds a token. */
const AUTH_CALL: PlannedCall = { name: "test-tool", arguments: {} };

export function plannedCalls(scenario: string, context: ScenarioContext): PlannedCall[] {
  if (context.toolCalls !== undefined) return context.toolCalls;
  if (scenario.startsWith("auth/")) return [AUTH_CALL];
  return CALLS[scenario] ?? [];
}

/** The server entry's `oauth` object from the scenario's credentials, values as `${VAR}`s. */
export function oauthEntry(
  scenario: string,
  context: ScenarioContext,
): { entry: Record<string, string>; env: Record<string, string> } | undefined {
  if (context.client_id === undefined) return undefined;
  const entry: Record<string, string> = { clientId: "${CONFORMANCE_CLIENT_ID}" };
  const env: Record<string, string> = { CONFORMANCE_CLIENT_ID: context.client_id };
  if (context.client_secret !== undefined) {
    entry.clientSecret = "${CONFORMANCE_CLIENT_SECRET}";
    env.CONFORMANCE_CLIENT_SECRET = context.client_secret;
  }
  if (context.private_key_pem !== undefined) {
    entry.privateKeyPem = "${CONFORMANCE_PRIVATE_KEY_PEM}";
    env.CONFORMANCE_PRIVATE_KEY_PEM = context.private_key_pem;
    if (context.signing_algorithm !== undefined) entry.signingAlgorithm = context.signing_algorithm;
  }
  if (scenario.startsWith("auth/client-credentials")) entry.grant = "client_credentials";
  return { entry, env };
}
