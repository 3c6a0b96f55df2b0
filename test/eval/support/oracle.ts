/**
 * A scripted model that knows the scenarios: it calls the expected tool with the expected arguments, then
 * answers with the observation it got back. Run through the harness it must score 100%, which tests the
 * harness; `misbehave` makes it break the protocol on purpose for named scenarios.
 */
import type { ExpectedValue, Scenario } from "../../../src/eval/scenario.js";

export type Misbehaviour = "bad-json-first" | "repeat-call" | "wrong-tool";

export function oracleReply(
  scenarios: readonly Scenario[],
  misbehave: Record<string, Misbehaviour> = {},
): (body: { messages: Array<{ role: string; content: string }> }) => string {
  return (body) => {
    const question = body.messages.find((message) => message.role === "user")?.content ?? "";
    const scenario = scenarios.find((candidate) => candidate.message === question);
    if (scenario === undefined) return JSON.stringify({ respuesta: "no conozco esa pregunta" });
    const afterQuestion = body.messages.slice(
      body.messages.findIndex((message) => message.content === question) + 1,
    );
    const observations = afterQuestion.filter(
      (message) => message.role === "user" && message.content.startsWith("Resultado de"),
    );
    const corrections = afterQuestion.filter((message) => message.content.startsWith("Respuesta no válida"));
    const mode = misbehave[scenario.id];
    if (mode === "bad-json-first" && corrections.length === 0)
      return "Claro: herramienta_llamada = consultar";
    if (!("tool" in scenario.expect))
      return JSON.stringify({
        respuesta: "Hola: puedo consultar empresas, clientes, documentos, ficheros y SQL.",
      });
    const expected = scenario.expect;
    const tool =
      mode === "wrong-tool"
        ? "query"
        : typeof expected.tool === "string"
          ? expected.tool
          : (expected.tool[0] ?? "");
    const callsWanted = mode === "repeat-call" ? 2 : 1;
    const repeatNotices = afterQuestion.filter(
      (message) => message.content.startsWith("Resultado de") && message.content.includes("Ya llamaste"),
    );
    if (observations.length < callsWanted && repeatNotices.length === 0) {
      const args = mode === "wrong-tool" ? { sql: "select 1" } : concreteArgs(expected.args ?? {});
      return JSON.stringify({ herramienta_llamada: tool, parametros: args });
    }
    const last = observations.at(-1)?.content ?? "";
    return JSON.stringify({ respuesta: `Según la herramienta: ${last}` });
  };
}

/** A value that satisfies each expectation: literals as they are, a string built from each regex. */
export function concreteArgs(expected: Record<string, ExpectedValue>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(expected).map(([name, value]) => {
      if (typeof value !== "object") return [name, value];
      if ("$any" in value) return [name, "x"];
      const first = value.$regex.split("|")[0] ?? "";
      return [name, first.replaceAll("[\\s\\S]*", " ").replaceAll("\\.", ".")];
    }),
  );
}
