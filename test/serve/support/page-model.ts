/**
 * A model for the page's tests that writes its reply word by word as real ones do (through `onText`),
 * chosen by the question: "markdown" → an answer with a heading, a list, a table and code; "lenta" → a
 * long answer written slowly (cancel it, or watch its first words arrive); "hostil N" → the N-th hostile
 * string of the corpus as the answer; "falla" → a provider error carrying hostile text; "empresa NAME" →
 * the company server's tool ("borra NAME": its destructive one, which needs approval), then an answer quoting its result ("herramienta hostil N": with the N-th
 * hostile string as the name); anything else → a short answer.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { ChatModel, ChatRequest, ChatResponse, ModelCheck } from "../../../src/llm/chat-model.js";
import { SystemError } from "../../../src/util/errors.js";

export const MARKDOWN_ANSWER = [
  "## Tarifas de **2026**",
  "",
  "Resumen:",
  "- consultoría",
  "- soporte",
  "",
  "| servicio | precio |",
  "|---|---|",
  "| consultoría | 60 € |",
  "| soporte | 40 € |",
  "",
  "```ts",
  "const total: number = 60 + 40;",
  "```",
  "",
  "Es **importante** revisarlo.",
].join("\n");

export const SLOW_ANSWER = `Primera parte de una respuesta larga ${"que sigue y sigue ".repeat(12)}y termina.`;

/** Strings that must never run or become elements, wherever they appear. */
export const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  "<script>window.__pwned=2</script>",
  "[pulsa](javascript:window.__pwned=3)",
  '<iframe src="javascript:window.__pwned=4"></iframe>',
  '<svg onload="window.__pwned=5"><circle r="1"/></svg>',
  '<a href="javascript:window.__pwned=6">enlace</a>',
  "![imagen](javascript:window.__pwned=7)",
  '<details open ontoggle="window.__pwned=8">x</details>',
  '<style>body{display:none}</style><form action="javascript:window.__pwned=9"><button>b</button></form>',
  "[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xMDwvc2NyaXB0Pg==)",
];

export class PageModel implements ChatModel {
  readonly provider = "scripted";
  readonly model = "modelo-pagina";
  readonly constrainsOutput = false;
  /** Milliseconds between words of a slow reply. */
  slowWordMs = 250;
  /** Replies still being written. */
  writing = 0;
  calls = 0;

  async complete(request: ChatRequest): Promise<ChatResponse> {
    this.calls += 1;
    const last = request.messages.at(-1)?.content ?? "";
    if (/\bfalla\b/.test(last)) throw new SystemError(`the provider failed: ${HOSTILE[0]} ${HOSTILE[1]}`);
    const result = /^Resultado de (\w+): ([\s\S]*)$/.exec(last);
    const company = /empresa (\S+)/.exec(last);
    const remove = /borra (\S+)/.exec(last);
    const hostileTool = /herramienta hostil (\d+)/.exec(last);
    const hostile = /hostil (\d+)/.exec(last);
    let text: string;
    let wordMs = 2;
    if (result) text = JSON.stringify({ respuesta: `Según ${result[1]}: ${result[2]}` });
    else if (hostileTool)
      text = JSON.stringify({
        herramienta_llamada: "consultar_empresa",
        parametros: { nombre: HOSTILE[Number(hostileTool[1])] ?? "" },
      });
    else if (remove)
      text = JSON.stringify({ herramienta_llamada: "borrar_cliente", parametros: { nombre: remove[1] } });
    else if (company)
      text = JSON.stringify({ herramienta_llamada: "consultar_empresa", parametros: { nombre: company[1] } });
    else if (/\bmarkdown\b/.test(last)) text = JSON.stringify({ respuesta: MARKDOWN_ANSWER });
    else if (/\blenta\b/.test(last)) {
      text = JSON.stringify({ respuesta: SLOW_ANSWER });
      wordMs = this.slowWordMs;
    } else if (hostile) text = JSON.stringify({ respuesta: `Texto: ${HOSTILE[Number(hostile[1])] ?? ""}` });
    else text = JSON.stringify({ respuesta: `Respuesta ${this.calls} a: ${last.slice(0, 40)}` });
    this.writing += 1;
    try {
      let soFar = "";
      for (const word of text.split(/(?<= )/)) {
        await delay(wordMs, undefined, { signal: request.signal });
        soFar += word;
        request.onText?.(soFar);
      }
    } finally {
      this.writing -= 1;
    }
    return { text, toolCalls: [], stopReason: "stop", warnings: [] };
  }

  async check(): Promise<ModelCheck> {
    return {
      provider: this.provider,
      model: this.model,
      location: "memory",
      reachable: true,
      modelAvailable: true,
      problems: [],
    };
  }

  async close(): Promise<void> {}
}
