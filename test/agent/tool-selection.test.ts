import { afterEach, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/agent-events.js";
import { DEFAULT_AGENT_SETTINGS } from "../../src/agent/agent-settings.js";
import { approveAll } from "../../src/agent/approval.js";
import { runTurn } from "../../src/agent/run-turn.js";
import { answer, ScriptedModel, toolCall } from "../../src/testing/scripted-model.js";
import { connectInMemoryHub, type InMemoryHub } from "../support/in-memory-hub.js";
import { createCompanyServer } from "./company-server.js";

let hub: InMemoryHub | undefined;
afterEach(async () => {
  await hub?.close();
});

describe("per-turn tool selection", () => {
  it("offers only the selected tools in the prompt and the schema, and rejects the others", async () => {
    hub = await connectInMemoryHub(createCompanyServer());
    const model = new ScriptedModel([
      toolCall("borrar_empresa", { nombre: "Empresa X" }),
      answer("no puedo"),
    ]);
    const events: AgentEvent[] = [];
    const seen: string[] = [];
    await runTurn({
      model,
      hub,
      userMessage: "consulta empresa X",
      history: [],
      settings: DEFAULT_AGENT_SETTINGS,
      approver: approveAll,
      onEvent: (event) => events.push(event),
      selectTools: async ({ tools, message }) => {
        seen.push(message);
        return { offered: tools.filter((tool) => tool.name === "consultar_empresa") };
      },
    });
    expect(seen).toEqual(["consulta empresa X"]);
    expect(model.requests[0]?.messages[0]?.content).not.toContain("borrar_empresa");
    expect(JSON.stringify(model.requests[0]?.schema)).not.toContain("borrar_empresa");
    expect(hub.calls).toEqual([]);
    expect(events).toContainEqual({ type: "tools_offered", offered: ["consultar_empresa"], omitted: 1 });
    expect(model.requests[1]?.messages.at(-1)?.content).toContain(
      'la herramienta "borrar_empresa" no existe; usa una de: consultar_empresa',
    );
  });

  it("reports why each offered tool was chosen, for --verbose and the trace", async () => {
    hub = await connectInMemoryHub(createCompanyServer());
    const events: AgentEvent[] = [];
    await runTurn({
      model: new ScriptedModel([answer("hola")]),
      hub,
      userMessage: "consulta empresa X",
      history: [],
      settings: DEFAULT_AGENT_SETTINGS,
      approver: approveAll,
      onEvent: (event) => events.push(event),
      selectTools: async ({ tools }) => ({
        offered: tools.filter((tool) => tool.name === "consultar_empresa"),
        reasons: [{ name: "consultar_empresa", why: "lexical: matched consulta, empresa" }],
      }),
    });
    expect(events).toContainEqual({
      type: "tools_offered",
      offered: ["consultar_empresa"],
      omitted: 1,
      reasons: [{ name: "consultar_empresa", why: "lexical: matched consulta, empresa" }],
    });
  });
});
