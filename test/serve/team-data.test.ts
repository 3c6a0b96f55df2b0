/**
 * Whose data, over real HTTP to `agente serve`'s app: conversations belong to their owner (another
 * person's answers 404, admins included), memory has a shared collection and a private one per person
 * (search, listing, uploads with a destination, publish permission), and removing a person removes their
 * private data.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removePrivateDataFrom } from "../../src/serve/team/private-data.js";
import { ANA, bearer, LUIS, startTeamApp, type TeamApp, VERA } from "./support/team-data-app.js";

let team: TeamApp;

beforeEach(async () => {
  team = await startTeamApp();
});
afterEach(async () => {
  await team.close();
});

async function call(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Response> {
  return fetch(`${team.url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function newSession(person: typeof ANA): Promise<string> {
  const response = await call("POST", "/api/sessions", bearer(person), {});
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

/** A turn through the web chat's stream; returns the final answer's text. */
async function turn(person: typeof ANA, sessionId: string, message: string): Promise<string> {
  const response = await call("POST", `/api/sessions/${sessionId}/turns`, bearer(person), { message });
  expect(response.status).toBe(200);
  const events = (await response.text())
    .split("\n\n")
    .filter((block) => block.startsWith("data: ") && block !== "data: [DONE]")
    .map((block) => JSON.parse(block.slice(6)) as { type: string; text?: string });
  const last = events.find((event) => event.type === "answer");
  if (last?.text === undefined) throw new Error(`no answer: ${JSON.stringify(events)}`);
  return last.text;
}

async function upload(person: typeof ANA, name: string, text: string, destination?: string) {
  return fetch(`${team.url}/api/documents`, {
    method: "POST",
    headers: {
      ...bearer(person),
      "content-type": "application/octet-stream",
      "x-file-name": encodeURIComponent(name),
      ...(destination === undefined ? {} : { "x-destination": destination }),
    },
    body: text,
  });
}

describe("conversations belong to their owner", () => {
  it("lists only the caller's own, and answers 404 to everyone else, admins included", async () => {
    const anas = await newSession(ANA);
    await turn(ANA, anas, "hola, soy ana");
    const luiss = await newSession(LUIS);

    const anaList = (await (await call("GET", "/api/sessions", bearer(ANA))).json()) as {
      sessions: Array<{ id: string; owner: string }>;
    };
    expect(anaList.sessions.map((session) => session.id)).toEqual([anas]);
    const luisList = (await (await call("GET", "/api/sessions", bearer(LUIS))).json()) as {
      sessions: Array<{ id: string }>;
    };
    expect(luisList.sessions.map((session) => session.id)).toEqual([luiss]);

    // Luis is an admin: still nothing of ana's.
    expect((await call("GET", `/api/sessions/${anas}`, bearer(LUIS))).status).toBe(404);
    expect((await call("GET", `/api/sessions/${anas}/messages/0/text`, bearer(LUIS))).status).toBe(404);
    expect((await call("PATCH", `/api/sessions/${anas}`, bearer(LUIS), { title: "mío" })).status).toBe(404);
    expect((await call("POST", `/api/sessions/${anas}/turns`, bearer(LUIS), { message: "x" })).status).toBe(
      404,
    );
    expect((await call("DELETE", `/api/sessions/${anas}`, bearer(LUIS))).status).toBe(404);
    const completion = await call(
      "POST",
      "/v1/chat/completions",
      { ...bearer(LUIS), "x-agente-session": anas },
      { model: "agente", messages: [{ role: "user", content: "dime" }] },
    );
    expect(completion.status).toBe(404);

    // Ana's conversation is untouched and still hers.
    const own = (await (await call("GET", `/api/sessions/${anas}`, bearer(ANA))).json()) as {
      session: { title: string; owner: string };
      messages: Array<{ content: string }>;
    };
    expect(own.session).toMatchObject({ title: "hola, soy ana", owner: "u-ana" });
    expect(own.messages.map((message) => message.content)).toEqual(["hola, soy ana", "eco: hola, soy ana"]);
    expect((await call("DELETE", `/api/sessions/${anas}`, bearer(ANA))).status).toBe(204);
  });
});

describe("memory: the shared collection and a private one per person", () => {
  it("a private document is found by its owner's search only; a shared one by both", async () => {
    const privateUpload = await upload(ANA, "presupuesto-ana.txt", "Presupuesto secreto de ana: 4711 euros.");
    expect(privateUpload.status).toBe(200);
    expect(await privateUpload.json()).toMatchObject({ status: "added", place: "private" });
    const sharedUpload = await upload(
      LUIS,
      "tarifas.txt",
      "Tarifas de la empresa: presupuesto base 100 euros.",
    );
    expect(await sharedUpload.json()).toMatchObject({ status: "added", place: "shared" });

    const luisSession = await newSession(LUIS);
    const luisAnswer = await turn(LUIS, luisSession, "busca presupuesto");
    expect(luisAnswer).toContain("tarifas.txt");
    expect(luisAnswer).not.toContain("presupuesto-ana.txt");
    expect(luisAnswer).not.toContain("4711");
    // Automatic context (recuperar_contexto before the model) is scoped too: luis's prompts never held it.
    const luisPrompts = team.model.requests.map((request) => JSON.stringify(request.messages));
    expect(luisPrompts.some((prompt) => prompt.includes("Tarifas de la empresa"))).toBe(true);
    expect(luisPrompts.filter((prompt) => prompt.includes("4711"))).toEqual([]);

    const anaSession = await newSession(ANA);
    const anaAnswer = await turn(ANA, anaSession, "busca presupuesto");
    expect(anaAnswer).toContain("tarifas.txt");
    expect(anaAnswer).toContain("presupuesto-ana.txt");
    const anaPrompts = team.model.requests
      .slice(luisPrompts.length)
      .map((request) => JSON.stringify(request.messages));
    expect(anaPrompts.some((prompt) => prompt.includes("4711"))).toBe(true);
  });

  it("GET /api/documents lists what the caller may see, with where each lives", async () => {
    await upload(ANA, "notas-ana.txt", "Notas privadas de ana.");
    await upload(VERA, "notas-vera.txt", "Notas privadas de vera.");
    await upload(LUIS, "manual.txt", "Manual de la empresa.", "shared");
    await upload(LUIS, "borrador-luis.txt", "Borrador privado de luis.", "private");
    const list = async (person: typeof ANA) =>
      (await (await call("GET", "/api/documents", bearer(person))).json()) as {
        documents: Array<{ name: string; place: string }>;
        publish: boolean;
      };
    const ana = await list(ANA);
    expect(ana.publish).toBe(false);
    expect(ana.documents.map((document) => `${document.name}:${document.place}`).sort()).toEqual([
      "manual.txt:shared",
      "notas-ana.txt:private",
    ]);
    const luis = await list(LUIS);
    expect(luis.publish).toBe(true);
    expect(luis.documents.map((document) => `${document.name}:${document.place}`).sort()).toEqual([
      "borrador-luis.txt:private",
      "manual.txt:shared",
    ]);
  });

  it("shared needs the publish permission: a member gets 403, and may not delete shared or others' documents", async () => {
    const refused = await upload(ANA, "circular.txt", "Circular para todos.", "shared");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "publish_not_allowed" } });
    expect((await upload(ANA, "circular.txt", "x", "everyone")).status).toBe(400);

    const shared = (await (await upload(LUIS, "manual.txt", "Manual de la empresa.")).json()) as {
      id: string;
    };
    const lus = (await (await upload(LUIS, "privado.txt", "Privado de luis.", "private")).json()) as {
      id: string;
    };
    const anas = (await (await upload(ANA, "mio.txt", "Lo mío.")).json()) as { id: string };
    expect((await call("DELETE", `/api/documents/${shared.id}`, bearer(ANA))).status).toBe(404);
    expect((await call("DELETE", `/api/documents/${lus.id}`, bearer(ANA))).status).toBe(404);
    expect((await call("DELETE", `/api/documents/${anas.id}`, bearer(LUIS))).status).toBe(404);
    expect((await call("DELETE", `/api/documents/${anas.id}`, bearer(ANA))).status).toBe(204);
    expect((await call("DELETE", `/api/documents/${shared.id}`, bearer(LUIS))).status).toBe(204);
  });

  it("a member's note goes to their private memory; luis does not find it, ana does", async () => {
    const session = await newSession(ANA);
    const stored = await turn(ANA, session, "recuerda la reunión es el martes");
    expect(stored).toContain("Stored note");
    const notes = await team.memory.listDocuments({}, 10);
    expect(notes.map((note) => note.collection)).toEqual(["private:u-ana"]);
    // Luis (admin, may publish) does not find it; ana does.
    const luisSession = await newSession(LUIS);
    expect(await turn(LUIS, luisSession, "busca reunión")).toContain("No matching documents.");
    expect(await turn(ANA, session, "busca reunión")).toContain("la reunión es el martes");
  });
});

describe("the memory server trusts the person in _meta only as agente serve sends it", () => {
  const as = (id: string, publish: boolean) => ({ meta: { "agente/person": { id, publish } } });

  it("refuses a member's write to the shared collection or another's private one, and a malformed person", async () => {
    const shared = await team.hub.callTool(
      "memorizar_informacion",
      { texto: "para todos", coleccion: "default" },
      as("u-ana", false),
    );
    expect(shared.isError).toBe(true);
    expect(JSON.stringify(shared.content)).toContain("may not add to the shared collection");
    const others = await team.hub.callTool(
      "memorizar_informacion",
      { texto: "para luis", coleccion: "private:u-luis" },
      as("u-ana", false),
    );
    expect(JSON.stringify(others.content)).toContain("another person's");
    const malformed = await team.hub.callTool(
      "listar_documentos",
      {},
      { meta: { "agente/person": { id: "u-ana" } } },
    );
    expect(malformed.isError).toBe(true);
    expect(await team.memory.listDocuments({}, 10)).toEqual([]);
  });

  it("asking for another person's private collection by name finds nothing", async () => {
    await upload(LUIS, "suyo.txt", "Lo de luis: contraseña del wifi.", "private");
    const found = await team.hub.callTool(
      "recuperar_contexto",
      { pregunta: "wifi", coleccion: "private:u-luis" },
      as("u-ana", false),
    );
    expect(found.structuredContent).toEqual({ passages: [] });
    const listed = await team.hub.callTool("listar_documentos", {}, as("u-ana", false));
    expect(listed.structuredContent).toEqual({ documents: [] });
    const forgot = await team.hub.callTool("olvidar", { fuente: "suyo.txt" }, as("u-ana", true));
    expect(forgot.structuredContent).toEqual({ forgotten: [] });
    const own = await team.hub.callTool("recuperar_contexto", { pregunta: "wifi" }, as("u-luis", true));
    expect(JSON.stringify(own.structuredContent)).toContain("contraseña del wifi");
  });
});

describe("removing a person", () => {
  it("removes their conversations and private documents, and nothing of anyone else", async () => {
    const anas = await newSession(ANA);
    await turn(ANA, anas, "hola");
    await newSession(ANA);
    const luiss = await newSession(LUIS);
    await upload(ANA, "mio.txt", "Lo mío.");
    await upload(LUIS, "manual.txt", "Manual de la empresa.");
    await upload(LUIS, "suyo.txt", "Lo de luis.", "private");

    const removed = await removePrivateDataFrom(
      { conversations: team.store, documents: team.documents },
      ANA.id,
    );
    expect(removed).toEqual({ conversations: 2, documents: 1 });
    expect(await team.store.listSessions(ANA.id)).toEqual([]);
    expect(await team.store.messages(anas)).toEqual([]);
    expect((await team.store.listSessions(LUIS.id)).map((session) => session.id)).toEqual([luiss]);
    const left = await team.memory.listDocuments({}, 10);
    expect(left.map((document) => `${document.collection}:${document.source}`).sort()).toEqual([
      "default:manual.txt",
      "private:u-luis:suyo.txt",
    ]);
  });
});
