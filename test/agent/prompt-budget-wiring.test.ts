import { afterEach, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/agent-events.js";
import { type AgentSettings, DEFAULT_AGENT_SETTINGS } from "../../src/agent/agent-settings.js";
import { approveAll } from "../../src/agent/approval.js";
import { Conversation } from "../../src/agent/conversation.js";
import { runTurn, type ToolSelector } from "../../src/agent/run-turn.js";
import type { ChatMessage } from "../../src/llm/chat-model.js";
import { estimateCounter } from "../../src/llm/token-counter.js";
import { answer, ScriptedModel, type ScriptedReply, toolCall } from "../../src/testing/scripted-model.js";
import { connectInMemoryHub, type InMemoryHub } from "../support/in-memory-hub.js";
import { createCompanyServer } from "./company-server.js";

const counter = estimateCounter();
const QUESTION = "consulta empresa X";
const filler = (seed: string) => `${seed} ${"con bastante detalle sobre pedidos y facturas ".repeat(4)}`;

/** Six earlier turns, oldest first: `pregunta 1` … `pregunta 6`, each with its answer. */
const HISTORY: ChatMessage[] = [1, 2, 3, 4, 5, 6].flatMap((index) => [
  { role: "user" as const, content: filler(`pregunta ${index}`) },
  { role: "assistant" as const, content: answer(filler(`respuesta ${index}`)) },
]);

const PASSAGES = [
  {
    text: `La Empresa X fue fundada en 1990 en Lima. ${"Tiene oficinas en varias ciudades. ".repeat(3)}`,
    source: "empresas.md",
    position: 2,
    score: 0.91,
    documentId: "d1",
    collection: "default",
  },
  {
    text: `La Empresa Y vende software. ${"Sus clientes son pymes de la región. ".repeat(3)}`,
    source: "catalogo.pdf",
    position: 7,
    score: 0.55,
    documentId: "d2",
    collection: "default",
  },
];

const hubs: InMemoryHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

interface TurnOptions {
  budget: number;
  history?: ChatMessage[];
  passages?: boolean;
  replies?: ScriptedReply[];
  selectTools?: ToolSelector;
  settings?: Partial<AgentSettings>;
}

async function turn(options: TurnOptions) {
  const hub = await connectInMemoryHub(
    createCompanyServer(options.passages === true ? { passages: PASSAGES } : {}),
  );
  hubs.push(hub);
  const model = new ScriptedModel(options.replies ?? [answer("La empresa X tiene 100 empleados.")]);
  const events: AgentEvent[] = [];
  const result = await runTurn({
    model,
    hub,
    userMessage: QUESTION,
    history: options.history ?? [],
    settings: {
      ...DEFAULT_AGENT_SETTINGS,
      // The in-memory server stands for agente's own memory server, trusted for context.
      context: { ...DEFAULT_AGENT_SETTINGS.context, trustedServers: ["test"] },
      ...options.settings,
      promptBudgetTokens: options.budget,
    },
    approver: approveAll,
    onEvent: (event) => events.push(event),
    tokenCounter: counter,
    ...(options.selectTools === undefined ? {} : { selectTools: options.selectTools }),
  });
  const budgetEvent = events.find((event) => event.type === "prompt_budget");
  if (budgetEvent?.type !== "prompt_budget") throw new Error("no prompt_budget event");
  return { model, events, result, budgetEvent };
}

/*
 * Fixed figures under the estimate counter (3.5 characters per token, 6 tokens of framing per message),
 * worked out once by hand and pinned here rather than recomputed with the production formula.
 */
/** The system prompt and the question alone, no history (what `usedTokens` reports for it). */
const BARE_PROMPT_TOKENS = 192;
/** One turn of HISTORY (a question and its answer; every turn is the same length). */
const TURN_TOKENS = 129;

/** The history part of a request: everything between the system prompt and the current question. */
function historyOf(messages: readonly ChatMessage[]): ChatMessage[] {
  const question = messages.findIndex((message) => message.role === "user" && message.content === QUESTION);
  return messages.slice(1, question);
}

const HUGE = 1_000_000;

describe("the prompt budget in runTurn", () => {
  it("drops the oldest history first and keeps the system prompt and the current question", async () => {
    const full = await turn({ budget: HUGE, history: HISTORY });
    expect(full.budgetEvent.droppedHistoryMessages).toBe(0);
    const withoutHistory = await turn({ budget: HUGE });
    expect(withoutHistory.budgetEvent.usedTokens).toBe(BARE_PROMPT_TOKENS);

    // Room for the two newest turns and a bit, not for all six.
    const budget = BARE_PROMPT_TOKENS + 2 * TURN_TOKENS + 10;
    const { model, budgetEvent } = await turn({ budget, history: HISTORY });
    const messages = model.requests[0]?.messages ?? [];

    expect(messages[0]).toEqual(full.model.requests[0]?.messages[0]);
    expect(messages[0]?.content).toContain("consultar_empresa(nombre: string)");
    expect(messages.at(-1)).toEqual({ role: "user", content: QUESTION });
    const history = historyOf(messages);
    const kept = history.filter((message) => message.role !== "system");
    expect(kept).toEqual(HISTORY.slice(-kept.length));
    expect(kept.length).toBeGreaterThanOrEqual(4);
    expect(kept.length).toBeLessThan(HISTORY.length);
    expect(JSON.stringify(kept)).not.toContain("pregunta 1 ");
    expect(budgetEvent.droppedHistoryMessages).toBe(HISTORY.length - kept.length);
    expect(budgetEvent.usedTokens).toBe(450);
    expect(budgetEvent.usedTokens).toBeLessThanOrEqual(budget);
  });

  it("summarises the dropped turns in one line when it fits", async () => {
    const budget = BARE_PROMPT_TOKENS + TURN_TOKENS + 60;
    const { model } = await turn({ budget, history: HISTORY });
    const history = historyOf(model.requests[0]?.messages ?? []);
    expect(history[0]?.role).toBe("system");
    expect(history[0]?.content).toMatch(/^\(Resumen de la conversación anterior.*«pregunta 5/);
    expect(history.slice(1)).toEqual(HISTORY.slice(-2));
  });

  it("gives up the history before the injected context, and the context before the tools", async () => {
    const full = await turn({ budget: HUGE, history: HISTORY, passages: true });
    const withoutHistory = await turn({ budget: HUGE, passages: true });
    const systemPrompt = full.model.requests[0]?.messages[0]?.content ?? "";
    expect(systemPrompt).toContain("(fuente: catalogo.pdf #7)");

    // Exactly the room of tools + both passages: the whole history goes, every passage stays.
    const noHistory = await turn({
      budget: withoutHistory.budgetEvent.usedTokens,
      history: HISTORY,
      passages: true,
    });
    const noHistoryMessages = noHistory.model.requests[0]?.messages ?? [];
    expect(noHistoryMessages[0]?.content).toBe(systemPrompt);
    expect(historyOf(noHistoryMessages)).toEqual([]);
    expect(noHistoryMessages.at(-1)?.content).toBe(QUESTION);
    expect(noHistory.budgetEvent).toMatchObject({ droppedPassages: 0, droppedTools: 0 });
    expect(noHistory.result.context.map((passage) => passage.source)).toEqual([
      "empresas.md",
      "catalogo.pdf",
    ]);

    // A little less: the last passage goes too, the tools all stay.
    const lessContext = await turn({
      budget: withoutHistory.budgetEvent.usedTokens - 5,
      history: HISTORY,
      passages: true,
    });
    const system = lessContext.model.requests[0]?.messages[0]?.content ?? "";
    expect(system).toContain("(fuente: empresas.md #2)");
    expect(system).not.toContain("catalogo.pdf");
    for (const tool of ["consultar_empresa", "borrar_empresa", "recuperar_contexto"])
      expect(system).toContain(`- ${tool}(`);
    expect(lessContext.budgetEvent).toMatchObject({ droppedPassages: 1, droppedTools: 0 });
    expect(lessContext.result.context.map((passage) => passage.source)).toEqual(["empresas.md"]);
    expect(lessContext.events).toContainEqual({
      type: "warning",
      message: expect.stringMatching(/left out 0 tools and 1 context passage this turn/),
      text: expect.objectContaining({ key: "agent.budgetDropped" }),
    });
  });

  it("drops the least relevant tools last, from the prompt and the action schema alike", async () => {
    // Offered most relevant first: the short borrar_empresa line, then the longer consultar_empresa.
    const selectTools: ToolSelector = async ({ tools }) => ({
      offered: [...tools].sort((left, right) => left.name.localeCompare(right.name)),
    });
    const noTools = await turn({ budget: HUGE, selectTools: async () => ({ offered: [] }) });
    const { model, events, budgetEvent } = await turn({
      budget: noTools.budgetEvent.usedTokens + 20,
      history: HISTORY,
      selectTools,
      replies: [toolCall("consultar_empresa", { nombre: "Empresa X" }), answer("no puedo")],
    });
    const system = model.requests[0]?.messages[0]?.content ?? "";
    expect(system).toContain("- borrar_empresa(");
    expect(system).not.toContain("consultar_empresa");
    expect(JSON.stringify(model.requests[0]?.schema)).not.toContain("consultar_empresa");
    expect(budgetEvent).toMatchObject({ droppedTools: 1, droppedHistoryMessages: HISTORY.length });
    expect(events).toContainEqual({ type: "tools_offered", offered: ["borrar_empresa"], omitted: 1 });
    // A call to a tool the budget left out is rejected like any tool not offered.
    expect(model.requests[1]?.messages.at(-1)?.content).toContain('"consultar_empresa" no existe');
  });

  it("never drops the question, and warns when it and the instructions alone are over budget", async () => {
    const question = "¿cuántos empleados tiene la Empresa X? ".repeat(40);
    const hub = await connectInMemoryHub(createCompanyServer());
    hubs.push(hub);
    const model = new ScriptedModel([answer("100")]);
    const events: AgentEvent[] = [];
    await runTurn({
      model,
      hub,
      userMessage: question,
      history: HISTORY,
      settings: { ...DEFAULT_AGENT_SETTINGS, promptBudgetTokens: 300 },
      approver: approveAll,
      onEvent: (event) => events.push(event),
      tokenCounter: counter,
    });
    const messages = model.requests[0]?.messages ?? [];
    expect(messages.map((message) => message.role)).toEqual(["system", "user"]);
    expect(messages[1]?.content).toBe(question);
    const warnings = events.filter((event) => event.type === "warning");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ message: expect.stringMatching(/exceed the prompt budget of 300/) });
  });

  it("makes room for the turn's own observations by dropping more of the oldest history", async () => {
    const full = await turn({ budget: HUGE, history: HISTORY });
    const budget = full.budgetEvent.usedTokens + 5;
    const { model, events } = await turn({
      budget,
      history: HISTORY,
      replies: [toolCall("consultar_empresa", { nombre: "Empresa X" }), answer("100 empleados")],
    });
    const [first, second] = model.requests.map((request) => request.messages);
    expect(historyOf(first ?? [])).toEqual(HISTORY);
    const secondMessages = second ?? [];
    expect(secondMessages[0]).toEqual(first?.[0]);
    expect(secondMessages.some((message) => message.content === QUESTION)).toBe(true);
    expect(secondMessages.at(-1)?.content).toContain('Resultado de consultar_empresa: {"empleados":100}');
    const keptHistory = historyOf(secondMessages).filter((message) => message.role !== "system");
    expect(keptHistory.length).toBeLessThan(HISTORY.length);
    expect(keptHistory).toEqual(HISTORY.slice(-keptHistory.length));
    // The oldest turn (129 tokens) gives way to the tool call and its result.
    expect(keptHistory).toHaveLength(HISTORY.length - 2);
    expect(events.some((event) => event.type === "warning")).toBe(false);
  });

  it("warns once when the turn's own messages outgrow the budget with no history left", async () => {
    const alone = await turn({ budget: HUGE });
    const budget = alone.budgetEvent.usedTokens + 2;
    const { model, events } = await turn({
      budget,
      history: [],
      replies: [
        toolCall("consultar_empresa", { nombre: "Empresa X" }),
        toolCall("consultar_empresa", { nombre: "Empresa Y" }),
        answer("100 y 200"),
      ],
    });
    expect(model.requests).toHaveLength(3);
    const warnings = events.filter((event) => event.type === "warning");
    expect(warnings).toEqual([
      {
        type: "warning",
        message: expect.stringMatching(
          new RegExp(
            `^the prompt of step 2 \\(~\\d+ tokens\\) is over the prompt budget of ${budget} tokens`,
          ),
        ),
        text: expect.objectContaining({ key: "agent.overBudgetStep" }),
      },
    ]);
  });
});

describe("the prompt budget across a chat", () => {
  it("keeps the newest turns and a summary of the older questions as the chat grows", async () => {
    const hub = await connectInMemoryHub(createCompanyServer());
    hubs.push(hub);
    const questions = [1, 2, 3, 4, 5].map((index) => filler(`pregunta ${index}`));
    const model = new ScriptedModel([
      ...questions.map((_, index) => answer(filler(`respuesta ${index + 1}`))),
      answer("listo"),
    ]);
    const budget = BARE_PROMPT_TOKENS + 2 * TURN_TOKENS + 60;
    const conversation = new Conversation({
      model,
      hub,
      settings: { ...DEFAULT_AGENT_SETTINGS, promptBudgetTokens: budget },
      approver: approveAll,
      tokenCounter: counter,
    });
    for (const question of questions) await conversation.send(question);
    await conversation.send(QUESTION);
    const last = model.requests.at(-1)?.messages ?? [];
    expect(last.at(-1)).toEqual({ role: "user", content: QUESTION });
    const history = historyOf(last);
    expect(history[0]).toMatchObject({ role: "system", content: expect.stringContaining("«pregunta 3") });
    expect(history.slice(1).map((message) => message.content)).toEqual([
      questions[3],
      answer(filler("respuesta 4")),
      questions[4],
      answer(filler("respuesta 5")),
    ]);
    // The system prompt, the summary, the two newest turns and the question.
    expect(last).toHaveLength(7);
  });
});
