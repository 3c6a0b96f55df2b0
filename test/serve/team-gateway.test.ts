/**
 * The MCP gateway applies the token owner's role: a viewer's `tools/list` has no destructive tool and
 * their `tools/call` of one is refused as an unknown tool; a member sees it (their client can confirm) but
 * a call their role may not approve is refused without running; an admin's confirmed call runs.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_AGENT_SETTINGS } from "../../src/agent/agent-settings.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { DEFAULT_GATEWAY_SETTINGS } from "../../src/serve/mcp-gateway/gateway-settings.js";
import { createMcpGateway } from "../../src/serve/mcp-gateway/http-gateway.js";
import { SqliteConversationStore } from "../../src/serve/sqlite-conversation-store.js";
import { ledgerModel, signedInAs, startTeamApp, type TeamApp } from "./support/team-app.js";

describe("the gateway for a token's owner", { timeout: 60_000 }, () => {
  let folder: string;
  let team: TeamApp;
  let url: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-team-gateway-"));
    team = await startTeamApp({
      store: new SqliteConversationStore({ path: join(folder, "conversations.db") }),
      ledgerFile: join(folder, "ledger.txt"),
      gateway: (hub) =>
        createMcpGateway({
          hub,
          agent: { model: ledgerModel(), settings: DEFAULT_AGENT_SETTINGS },
          settings: DEFAULT_GATEWAY_SETTINGS,
          secrets: [],
          translate: createTranslator("en"),
          version: "0.0.0-test",
        }),
    });
    url = await team.app.listen({ host: "127.0.0.1", port: 0 });
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    await team.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function connect(person: string): Promise<Client> {
    const client = new Client({ name: "team-test", version: "1.0.0" }, { capabilities: { elicitation: {} } });
    client.setRequestHandler("elicitation/create", async () => ({ action: "accept", content: {} }));
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
        requestInit: { headers: signedInAs(person) },
      }),
    );
    clients.push(client);
    return client;
  }

  const names = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name).sort();
  const ledger = () => {
    const file = join(folder, "ledger.txt");
    return existsSync(file) ? readFileSync(file, "utf8") : "";
  };

  it("hides destructive tools from a viewer and refuses their call as an unknown tool", async () => {
    const vera = await connect("vera");
    expect(await names(vera)).toEqual(["consultar_saldo", "preguntar_agente"]);
    const call = await vera
      .callTool({ name: "registrar_pago", arguments: { importe: 1, concepto: "x" } })
      .then((result) => JSON.stringify(result))
      .catch((error: unknown) => String(error));
    expect(call).toContain("registrar_pago");
    expect(call).not.toContain("registrado");
    expect(ledger()).toBe("");
  });

  it("lists it for a member but refuses a call their role may not approve; an admin's confirmed call runs", async () => {
    const ana = await connect("ana");
    expect(await names(ana)).toEqual(["consultar_saldo", "preguntar_agente", "registrar_pago"]);
    const refused = await ana.callTool({ name: "registrar_pago", arguments: { importe: 2, concepto: "y" } });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain(
      "registrar_pago was not run: your role may not approve it; ask for it in agente's web chat, where an approver can decide.",
    );
    expect(ledger()).toBe("");
    const luis = await connect("luis");
    const ran = await luis.callTool({ name: "registrar_pago", arguments: { importe: 3, concepto: "z" } });
    expect(ran.isError).not.toBe(true);
    expect(ledger()).toBe("3 z\n");
  });
});
