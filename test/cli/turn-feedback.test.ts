/** Feedback while waiting: the `respuesta` value streams as the model writes it; tool calls show nothing. */
import { describe, expect, it } from "vitest";
import { answerSoFar } from "../../src/agent/answer-stream.js";
import { TurnFeedback } from "../../src/cli/turn-feedback.js";
import type { ChatModel, ChatRequest, ChatResponse } from "../../src/llm/chat-model.js";

describe("answerSoFar", () => {
  it("reads the respuesta value of an unfinished action", () => {
    expect(answerSoFar('{"respuesta": "La factura')).toBe("La factura");
    expect(answerSoFar('{"respuesta": "dice \\"hola\\" y')).toBe('dice "hola" y');
    expect(answerSoFar('{"respuesta": "ñandú y café"}')).toBe("ñandú y café");
  });

  it("shows nothing for a tool call, an unfinished key or an empty reply", () => {
    expect(
      answerSoFar('{"herramienta_llamada": "consultar_empresa", "parametros": {"nombre": "X'),
    ).toBeUndefined();
    expect(answerSoFar('{"respu')).toBeUndefined();
    expect(answerSoFar("")).toBeUndefined();
  });

  it("plain text (native tool mode) streams as it is", () => {
    expect(answerSoFar("Hola, soy")).toBe("Hola, soy");
  });
});

/** A model that streams `chunks` of its reply, then answers with the whole text. */
function streamingModel(chunks: string[]): ChatModel {
  return {
    provider: "scripted",
    model: "scripted",
    constrainsOutput: true,
    check: async () => ({
      provider: "scripted",
      model: "scripted",
      location: "here",
      reachable: true,
      modelAvailable: true,
      problems: [],
    }),
    close: async () => {},
    complete: async (request: ChatRequest): Promise<ChatResponse> => {
      let text = "";
      for (const chunk of chunks) {
        text += chunk;
        request.onText?.(text);
      }
      return { text, toolCalls: [], stopReason: "stop", warnings: [] };
    },
  };
}

describe("TurnFeedback", () => {
  it("streams the answer after the prefix, then ends the line without repeating it", async () => {
    let out = "";
    const feedback = new TurnFeedback({
      spinner: false,
      stream: true,
      answerPrefix: "Agente: ",
      writeOut: (text) => {
        out += text;
      },
    });
    const model = feedback.watch(streamingModel(['{"respuesta": "La hora', " cuesta", ' 60 euros."}']));
    const seen: string[] = [];
    await model.complete({ messages: [], onText: (text) => seen.push(text) });
    expect(out).toBe("Agente: La hora cuesta 60 euros.");
    expect(seen).toHaveLength(3);
    feedback.finish("La hora cuesta 60 euros.", "Agente: La hora cuesta 60 euros.");
    expect(out).toBe("Agente: La hora cuesta 60 euros.\n");
  });

  it("off a terminal prints the whole line at the end only", async () => {
    let out = "";
    const feedback = new TurnFeedback({
      spinner: false,
      stream: false,
      answerPrefix: "Agent: ",
      writeOut: (text) => {
        out += text;
      },
    });
    await feedback.watch(streamingModel(['{"respuesta": "Hi"}'])).complete({ messages: [] });
    expect(out).toBe("");
    feedback.finish("Hi", "Agent: Hi");
    expect(out).toBe("Agent: Hi\n");
  });

  it("a spinner on stderr until the first token, cleared before anything else is written", async () => {
    let err = "";
    const feedback = new TurnFeedback({
      spinner: true,
      stream: false,
      answerPrefix: "Agent: ",
      writeOut: () => {},
      writeErr: (text) => {
        err += text;
      },
    });
    await feedback.watch(streamingModel(['{"respuesta": "Hi"}'])).complete({ messages: [] });
    expect(err).toBe("\r⠋ \r\x1b[K");
  });

  it("draws a tool's progress on the spinner line, and the next event clears it", () => {
    let err = "";
    const lines: string[] = [];
    const feedback = new TurnFeedback({
      spinner: true,
      stream: false,
      answerPrefix: "Agent: ",
      writeOut: () => {},
      writeErr: (text) => {
        err += text;
      },
    });
    const listen = feedback.listen((event) => lines.push(event.type));
    listen({ type: "tool_progress", step: 1, tool: "importar", progress: 2, total: 3, message: "paso\n2" });
    expect(err).toBe("\r⠋ importar 2/3 paso 2\x1b[K");
    listen({ type: "warning", message: "fin" });
    expect(err.endsWith("\r\x1b[K")).toBe(true);
    expect(lines).toEqual(["warning"]);
  });
});
