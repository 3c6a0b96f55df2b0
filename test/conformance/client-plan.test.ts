import { describe, expect, it } from "vitest";
import { oauthEntry, plannedCalls, schemaEchoCall } from "./client-plan.js";

describe("the client driver's plan", () => {
  it("puts a scenario's pre-registered credentials in the oauth object as ${VAR}s, values in the env", () => {
    expect(oauthEntry("auth/pre-registration", { client_id: "pre-id", client_secret: "pre-secret" })).toEqual(
      {
        entry: { clientId: "${CONFORMANCE_CLIENT_ID}", clientSecret: "${CONFORMANCE_CLIENT_SECRET}" },
        env: { CONFORMANCE_CLIENT_ID: "pre-id", CONFORMANCE_CLIENT_SECRET: "pre-secret" },
      },
    );
  });

  it("uses the client-credentials grant, with a private key JWT when the scenario gives a key", () => {
    expect(
      oauthEntry("auth/client-credentials-jwt", {
        client_id: "cc",
        private_key_pem: "-----BEGIN PRIVATE KEY-----",
        signing_algorithm: "ES256",
      }),
    ).toEqual({
      entry: {
        clientId: "${CONFORMANCE_CLIENT_ID}",
        privateKeyPem: "${CONFORMANCE_PRIVATE_KEY_PEM}",
        signingAlgorithm: "ES256",
        grant: "client_credentials",
      },
      env: { CONFORMANCE_CLIENT_ID: "cc", CONFORMANCE_PRIVATE_KEY_PEM: "-----BEGIN PRIVATE KEY-----" },
    });
  });

  it("uses the jwt_bearer grant with the scenario's valid workload JWT", () => {
    expect(oauthEntry("auth/wif-jwt-bearer", { client_id: "w", valid_jwt: "eyJ.valid" })).toEqual({
      entry: {
        clientId: "${CONFORMANCE_CLIENT_ID}",
        grant: "jwt_bearer",
        assertion: "${CONFORMANCE_ASSERTION}",
      },
      env: { CONFORMANCE_CLIENT_ID: "w", CONFORMANCE_ASSERTION: "eyJ.valid" },
    });
  });

  it("uses enterprise_managed with the scenario's IdP and ID token", () => {
    const context = {
      client_id: "c",
      client_secret: "s",
      idp_client_id: "idp-c",
      idp_id_token: "eyJ.id",
      idp_token_endpoint: "http://127.0.0.1:1/token",
    };
    expect(oauthEntry("auth/enterprise-managed-authorization", context)?.entry).toEqual({
      clientId: "${CONFORMANCE_CLIENT_ID}",
      clientSecret: "${CONFORMANCE_CLIENT_SECRET}",
      grant: "enterprise_managed",
      idToken: "${CONFORMANCE_ID_TOKEN}",
      idpClientId: "idp-c",
      idpTokenEndpoint: "http://127.0.0.1:1/token",
    });
  });

  it("adds no oauth object when the scenario gives no credentials", () => {
    expect(oauthEntry("auth/metadata-default", {})).toBeUndefined();
  });

  it("calls the tools the scenario's context names, else the scenario's own tool", () => {
    const toolCalls = [{ name: "test_custom_headers", arguments: { region: "us-west1" } }];
    expect(plannedCalls("http-custom-headers", { toolCalls })).toEqual(toolCalls);
    expect(plannedCalls("tools_call", {})).toEqual([{ name: "add_numbers", arguments: { a: 2, b: 3 } }]);
    expect(plannedCalls("auth/scope-step-up", {})).toEqual([{ name: "test-tool", arguments: {} }]);
    expect(plannedCalls("initialize", {})).toEqual([]);
  });

  it("echoes the listed input schema of the JSON Schema 2020-12 tool as it was listed", () => {
    const inputSchema = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object" };
    expect(schemaEchoCall([{ name: "other" }, { name: "json_schema_2020_12_tool", inputSchema }])).toEqual({
      name: "json_schema_echo",
      arguments: { schema: inputSchema },
    });
    expect(schemaEchoCall([{ name: "other" }])).toBeUndefined();
    expect(schemaEchoCall("not a list")).toBeUndefined();
  });
});
