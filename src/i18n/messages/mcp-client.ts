/**
 * What the CLI shows when an MCP server asks something of agente (elicitation forms and URLs, sampling),
 * and what it tells about a server's log messages and progress. Keys start with `mcpClient.`.
 */
import type { MessageTable } from "./message-table.js";

export const mcpClientMessages = {
  "mcpClient.elicitation.form": {
    en: "? server {server} asks: {message}\n  Answer (a), decline (d) or cancel (c)? [a] ",
    es: "? el servidor {server} pregunta: {message}\n  ¿Responder (r), rechazar (n) o cancelar (c)? [r] ",
  },
  "mcpClient.elicitation.invalid": {
    en: "  ✗ {why}. Press Enter and answer again.",
    es: "  ✗ {why}. Pulsa Intro y responde de nuevo.",
  },
  "mcpClient.elicitation.required": { en: "an answer is required", es: "hace falta una respuesta" },
  "mcpClient.elicitation.url": {
    en: "? server {server} asks you to open {url}\n  {message}\n  Open it? [y/N] ",
    es: "? el servidor {server} te pide abrir {url}\n  {message}\n  ¿Abrirla? [s/N] ",
  },
  "mcpClient.elicitation.urlNotOpened": {
    en: "! could not open a browser: open {url} yourself",
    es: "! no se pudo abrir un navegador: abre {url} tú mismo",
  },
  "mcpClient.elicitation.declinedNoTerminal": {
    en: "· server {server} asked a question; declined: there is no terminal to ask on (--yes accepts a form whose required fields all have defaults)",
    es: "· el servidor {server} hizo una pregunta; rechazada: no hay terminal para preguntarte (--yes acepta un formulario cuyos campos obligatorios tienen todos un valor por defecto)",
  },
  "mcpClient.sampling.question": {
    en: "? server {server} asks agente's model to answer (at most {maxTokens} tokens):\n{messages}\n  Let the model answer? [y/N] ",
    es: "? el servidor {server} pide que el modelo de agente responda (como mucho {maxTokens} tokens):\n{messages}\n  ¿Dejar que el modelo responda? [s/N] ",
  },
  "mcpClient.sampling.declined": {
    en: "the user did not let agente's model answer",
    es: "el usuario no dejó que el modelo de agente respondiera",
  },
  "mcpClient.sampling.noTerminal": {
    en: "agente's model answers a server only when the user approves: there is no terminal to ask on (run with --yes to allow it)",
    es: "el modelo de agente responde a un servidor solo con la aprobación del usuario: no hay terminal para pedirla (ejecuta con --yes para permitirlo)",
  },
  "mcpClient.sampling.noModel": {
    en: "agente has no model to answer with in this command",
    es: "agente no tiene un modelo con el que responder en esta orden",
  },
  "mcpClient.roots.invalid": {
    en: "roots must be a list of folder paths",
    es: "roots debe ser una lista de rutas de carpetas",
  },
  "mcpClient.log": { en: "[{server}] {level}: {text}", es: "[{server}] {level}: {text}" },
} as const satisfies MessageTable;
