/**
 * The web chat's API in process (Fastify, real SQLite, real memory, a real MCP server in memory): bodies of
 * the wrong shape answered 400, the answer streamed as deltas that never carry a piece of a secret,
 * cancelled and failed turns kept with their reason and left out of the model's history, regenerate and
 * edit (`keep`), rename, a long answer cut and said so, documents listed and deleted, uploads handed to
 * memory as bytes with no server path in their errors, and `/health` degraded without a model.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { localised } from "../../src/i18n/localised.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { memorySettings, openMemory } from "../../src/memory/open-memory.js";
import { AnswerDeltas } from "../../src/serve/answer-deltas.js";
import { ScriptedModel } from "../../src/testing/scripted-model.js";
import { SystemError } from "../../src/util/errors.js";
import { Redactor } from "../../src/util/secret-redaction.js";
import { SECRET, sseData, type TestApp, testAppStarter } from "./support/test-app.js";

const start = testAppStarter({ listen: false });

async function newSession(app: TestApp["app"]): Promise<string> {
  return (await app.inject({ method: "POST", url: "/api/sessions", payload: {} })).json().id;
}

describe("bodies and paths of the wrong shape", () => {
  it("answer 400 in OpenAI's error shape, never 500 with a parser's dump (issue 20)", async () => {
    const { app } = await start();
    const plain = await app.inject({
      method: "POST",
      url: "/api/sessions",
      headers: { "content-type": "text/plain" },
      payload: "x",
    });
    const jsonString = await app.inject({
      method: "POST",
      url: "/api/sessions",
      headers: { "content-type": "application/json" },
      payload: '"x"',
    });
    const emptyId = await app.inject({ url: "/api/sessions/" });
    const badTurn = await app.inject({
      method: "POST",
      url: `/api/sessions/${await newSession(app)}/turns`,
      headers: { "content-type": "application/json" },
      payload: '"x"',
    });
    for (const response of [plain, jsonString, emptyId, badTurn]) {
      expect(response.statusCode).toBe(400);
      expect(response.json().error.type).toBe("invalid_request_error");
      expect(response.body).not.toContain("invalid_type");
    }
  });
});

describe("a turn's answer as it streams", () => {
  it("arrives as deltas that add up to the answer", async () => {
    const model = new ScriptedModel(JSON.stringify({ respuesta: "Uno dos tres cuatro." }), {
      wordDelayMs: 1,
    });
    const { app } = await start({ otherModel: model });
    const id = await newSession(app);
    const turn = await app.inject({
      method: "POST",
      url: `/api/sessions/${id}/turns`,
      payload: { message: "hola" },
    });
    const events = sseData(turn.body);
    const deltas = events.filter((event) => event.type === "answer_delta");
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((event) => event.text).join("")).toBe("Uno dos tres cuatro.");
    expect(events.at(-1)).toMatchObject({ type: "answer", text: "Uno dos tres cuatro." });
  });

  it("never sends the start of a secret before it is whole and hidden", () => {
    const sent: string[] = [];
    const deltas = new AnswerDeltas([SECRET], new Redactor([SECRET]), (text, reset) =>
      sent.push(reset ? `[reset]${text}` : text),
    );
    let soFar = "";
    for (const piece of [
      "la clave es ",
      SECRET.slice(0, 4),
      SECRET.slice(4, 12),
      SECRET.slice(12),
      " y ya",
    ]) {
      soFar += piece;
      deltas.update(soFar);
    }
    expect(sent.join("")).toBe("la clave es [redacted] y ya");
    for (const delta of sent) expect(SECRET.startsWith(delta.trim()) && delta.trim() !== "").toBe(false);
  });
});

describe("turns that end without an answer", () => {
  it("a cancelled turn is stored with the question and its reason, and left out of the model's history", async () => {
    // A function, not a list: the one reply is cancelled before it is given.
    const slow = new ScriptedModel(() => JSON.stringify({ respuesta: "tarde" }), { delayMs: 5_000 });
    const { app, url, store } = await start({ otherModel: slow, listen: true });
    const id = await newSession(app);
    const controller = new AbortController();
    const turn = fetch(`${url}/api/sessions/${id}/turns`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "una pregunta lenta" }),
      signal: controller.signal,
    }).then((response) => response.text());
    await vi.waitFor(() => expect(slow.requests).toHaveLength(1));
    controller.abort();
    await expect(turn).rejects.toThrow();
    await vi.waitFor(async () => expect(await store.messages(id)).toHaveLength(2));
    const [question, answer] = await store.messages(id);
    expect(question).toMatchObject({ role: "user", content: "una pregunta lenta" });
    expect(answer?.details).toMatchObject({ stopReason: "cancelled" });
    expect((await store.getSession(id))?.title).toBe("una pregunta lenta");
  });

  it("a failed turn is stored with its reason in the reader's language; retry with keep replaces it", async () => {
    let fail = true;
    const model = new ScriptedModel((request) => {
      if (fail) throw new SystemError("Ollama is not reachable at http://127.0.0.1:9");
      return JSON.stringify({ respuesta: `historia de ${request.messages.length - 2} mensajes` });
    });
    const { app, store } = await start({ otherModel: model });
    const id = await newSession(app);
    const failed = await app.inject({
      method: "POST",
      url: `/api/sessions/${id}/turns`,
      payload: { message: "hola" },
    });
    expect(sseData(failed.body).at(-1)).toEqual({
      type: "error",
      message: "Ollama is not reachable at http://127.0.0.1:9",
    });
    const stored = (await app.inject({ url: `/api/sessions/${id}` })).json();
    expect(stored.messages).toMatchObject([
      { role: "user", content: "hola" },
      {
        role: "assistant",
        content: "",
        details: { stopReason: "failed", error: "Ollama is not reachable at http://127.0.0.1:9" },
      },
    ]);
    fail = false;
    const retried = await app.inject({
      method: "POST",
      url: `/api/sessions/${id}/turns`,
      payload: { message: "hola", keep: 0 },
    });
    // The failed turn is gone; the model saw only the system prompt and the question.
    expect(sseData(retried.body).at(-1)).toMatchObject({ type: "answer", text: "historia de 0 mensajes" });
    expect((await store.messages(id)).map((message) => message.content)).toEqual([
      "hola",
      "historia de 0 mensajes",
    ]);
  });

  it("a provider's error reaches the page in the page's language (issue 18: one language)", async () => {
    const model = new ScriptedModel(() => {
      throw new SystemError(localised("errorsModel.ollama.emptyReply"));
    });
    const { app } = await start({ otherModel: model });
    const id = await newSession(app);
    const spanish = await app.inject({
      method: "POST",
      url: `/api/sessions/${id}/turns`,
      headers: { cookie: "agente_lang=es" },
      payload: { message: "hola" },
    });
    expect(sseData(spanish.body).at(-1)).toEqual({
      type: "error",
      message: createTranslator("es")("errorsModel.ollama.emptyReply"),
    });
    expect(createTranslator("es")("errorsModel.ollama.emptyReply")).not.toBe(
      createTranslator("en")("errorsModel.ollama.emptyReply"),
    );
  });

  it("a failed turn is left out of the history the next question carries", async () => {
    let calls = 0;
    const model = new ScriptedModel((request) => {
      calls += 1;
      if (calls === 1) throw new SystemError("down");
      return JSON.stringify({ respuesta: `historia de ${request.messages.length - 2} mensajes` });
    });
    const { app } = await start({ otherModel: model });
    const id = await newSession(app);
    await app.inject({ method: "POST", url: `/api/sessions/${id}/turns`, payload: { message: "uno" } });
    const second = await app.inject({
      method: "POST",
      url: `/api/sessions/${id}/turns`,
      payload: { message: "dos" },
    });
    expect(sseData(second.body).at(-1)).toMatchObject({ text: "historia de 0 mensajes" });
  });
});

describe("conversations", () => {
  it("are renamed with PATCH; an empty title is refused", async () => {
    const { app } = await start();
    const id = await newSession(app);
    const renamed = await app.inject({
      method: "PATCH",
      url: `/api/sessions/${id}`,
      payload: { title: "Tarifas" },
    });
    expect(renamed.json()).toMatchObject({ id, title: "Tarifas" });
    const empty = await app.inject({ method: "PATCH", url: `/api/sessions/${id}`, payload: { title: " " } });
    expect(empty.statusCode).toBe(400);
  });

  it("a long answer is cut for the client and says so; the whole of it is one request away", async () => {
    const whole = `${"palabra ".repeat(40)}fin`;
    const model = new ScriptedModel(JSON.stringify({ respuesta: whole }));
    const { app } = await start({ otherModel: model, maxAnswerChars: 100 });
    const id = await newSession(app);
    const turn = await app.inject({
      method: "POST",
      url: `/api/sessions/${id}/turns`,
      payload: { message: "hola" },
    });
    expect(sseData(turn.body).at(-1)).toMatchObject({
      type: "answer",
      text: whole.slice(0, 100),
      cut: { shown: 100, total: whole.length },
    });
    const stored = (await app.inject({ url: `/api/sessions/${id}` })).json();
    expect(stored.messages[1]).toMatchObject({
      content: whole.slice(0, 100),
      details: { cut: { shown: 100, total: whole.length } },
    });
    const text = await app.inject({ url: `/api/sessions/${id}/messages/1/text` });
    expect(text.body).toBe(whole);
  });
});

describe("documents", () => {
  it("are listed, deleted (and gone from search), and a skipped file says why", async () => {
    const { app, folder } = await start();
    const added = await app.inject({
      method: "POST",
      url: "/api/documents",
      headers: { "content-type": "application/octet-stream", "x-file-name": "tarifas.txt" },
      payload: Buffer.from("La hora de consultoría cuesta 60 euros.\n"),
    });
    expect(added.json()).toMatchObject({ file: "tarifas.txt", status: "added", chunks: 1 });
    const skipped = await app.inject({
      method: "POST",
      url: "/api/documents",
      headers: { "content-type": "application/octet-stream", "x-file-name": "foto.png" },
      payload: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
    });
    expect(skipped.json()).toEqual({
      file: "foto.png",
      status: "skipped",
      chunks: 0,
      reason: "not_text",
      place: "shared",
    });
    const listed = (await app.inject({ url: "/api/documents" })).json().documents;
    expect(listed).toMatchObject([{ name: "tarifas.txt", size: 41, passages: 1 }]);
    expect(listed[0].id).toBe(added.json().id);
    // The bytes went to memory as they were: no copy of the upload on the server's disk (issue 20).
    expect(existsSync(join(folder, "uploads"))).toBe(false);
    // The memory the memory server searches: the same file, opened apart.
    const memory = await openMemory(
      memorySettings([{ AGENTE_MEMORY_PATH: join(folder, "memory.db"), AGENTE_EMBEDDER: "none" }], folder),
    );
    onTestFinished(() => memory.close());
    expect(await memory.search("consultoría", { k: 3, mode: "lexical" })).toHaveLength(1);
    const removed = await app.inject({ method: "DELETE", url: `/api/documents/${listed[0].id}` });
    expect(removed.statusCode).toBe(204);
    expect((await app.inject({ url: "/api/documents" })).json().documents).toEqual([]);
    expect(await memory.search("consultoría", { k: 3, mode: "lexical" })).toEqual([]);
    expect((await app.inject({ method: "DELETE", url: `/api/documents/${listed[0].id}` })).statusCode).toBe(
      404,
    );
  });

  it("a refused upload's error names the file, never the server's folders (issue 20)", async () => {
    const { app, folder } = await start();
    const refused = await app.inject({
      method: "POST",
      url: "/api/documents",
      headers: { "content-type": "application/octet-stream", "x-file-name": "informe.docx" },
      payload: Buffer.from("PK not really a docx"),
    });
    expect(refused.statusCode).toBe(422);
    const message: string = refused.json().error.message;
    expect(message).toMatch(/^informe\.docx is not a valid \.docx/);
    expect(message).not.toContain(folder);
    expect(message).not.toContain("uploads");
  });
});

describe("/health", () => {
  it("is degraded without a model, and a question gets the one line on what is missing", async () => {
    const { app } = await start({
      missingModel: "no model to run: start Ollama or run agente models pull",
    });
    const health = (await app.inject({ url: "/health" })).json();
    expect(health).toMatchObject({
      status: "degraded",
      model: { state: "missing", reason: "no model to run: start Ollama or run agente models pull" },
    });
  });

  it("is ok when the model answers its check, and degraded when it stops answering", async () => {
    let reachable = true;
    const model = new ScriptedModel("{}");
    model.check = async () => ({
      provider: "ollama",
      model: "m",
      location: "x",
      reachable,
      modelAvailable: reachable,
      problems: reachable ? [] : ["Ollama is not reachable: start it with ollama serve"],
    });
    const { app } = await start({ otherModel: model });
    expect((await app.inject({ url: "/health" })).json()).toMatchObject({
      status: "ok",
      model: { state: "ready" },
    });
    reachable = false;
    await vi.waitFor(
      async () =>
        expect((await app.inject({ url: "/health" })).json()).toMatchObject({
          status: "degraded",
          model: { state: "unreachable", reason: "Ollama is not reachable: start it with ollama serve" },
        }),
      { timeout: 10_000, interval: 200 },
    );
  });
});
