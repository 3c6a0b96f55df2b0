/**
 * Why an MCP server is down and the hub's failures, as the user reads them (`servers`, `doctor`, the chat's
 * status lines, printed errors). The model keeps reading the English text. Keys start with `errorsHub.`.
 */
import type { MessageTable } from "./message-table.js";

export const errorsHubMessages = {
  "errorsHub.reason.disabled": { en: "disabled in the config", es: "desactivado en la configuración" },
  "errorsHub.reason.notConnected": { en: "not connected yet", es: "aún sin conectar" },
  "errorsHub.reason.closed": { en: "closed", es: "cerrado" },
  "errorsHub.reason.hubClosed": { en: "the hub is closed", es: "el hub está cerrado" },
  "errorsHub.reason.needsOne": {
    en: "needs {names}: set it in the environment or .env",
    es: "necesita {names}: defínela en el entorno o en .env",
  },
  "errorsHub.reason.needsMany": {
    en: "needs {names}: set them in the environment or .env",
    es: "necesita {names}: defínelas en el entorno o en .env",
  },
  "errorsHub.reason.startTimeout": {
    en: "did not start within {ms} ms",
    es: "no arrancó en {ms} ms",
  },
  "errorsHub.reason.noFolder": {
    en: "working folder (cwd) not found: {folder}",
    es: "no se encuentra la carpeta de trabajo (cwd): {folder}",
  },
  "errorsHub.reason.noCommand": { en: "command not found: {command}", es: "orden no encontrada: {command}" },
  "errorsHub.reason.exitedAtStart": {
    en: "exited during start-up{details}",
    es: "terminó durante el arranque{details}",
  },
  "errorsHub.reason.unreachable": {
    en: "cannot reach {url}: {detail}",
    es: "no se puede conectar con {url}: {detail}",
  },
  "errorsHub.reason.failed": { en: "{detail}{details}", es: "{detail}{details}" },
  "errorsHub.reason.stopped": { en: "the server stopped{details}", es: "el servidor se detuvo{details}" },
  "errorsHub.reason.stoppedInCall": {
    en: 'it stopped during the call to "{tool}"{details}; it is being restarted, and the call was not repeated',
    es: 'se detuvo durante la llamada a "{tool}"{details}; se está reiniciando, y la llamada no se repitió',
  },
  "errorsHub.details": { en: " ({details})", es: " ({details})" },
  "errorsHub.detailsBoth": { en: " ({exit}; {stderr})", es: " ({exit}; {stderr})" },
  "errorsHub.exit.code": { en: "exit code {code}", es: "código de salida {code}" },
  "errorsHub.exit.signal": { en: "killed by {signal}", es: "terminado por {signal}" },
  "errorsHub.unavailable": {
    en: 'server "{server}" is unavailable: {reason}',
    es: 'el servidor "{server}" no está disponible: {reason}',
  },
  "errorsHub.unavailableHint": {
    en: "run `agente servers` to see why",
    es: "ejecuta `agente servers` para ver por qué",
  },
  "errorsHub.unknownTool": {
    en: 'no connected server offers a tool named "{tool}"',
    es: 'ningún servidor conectado ofrece una herramienta llamada "{tool}"',
  },
  "errorsHub.unknownToolSuggest": {
    en: 'no connected server offers a tool named "{tool}"; did you mean {matches}?',
    es: 'ningún servidor conectado ofrece una herramienta llamada "{tool}"; ¿quisiste decir {matches}?',
  },
  "errorsHub.unknownToolHint": {
    en: "run `agente servers` to list the tools every server offers",
    es: "ejecuta `agente servers` para ver las herramientas de cada servidor",
  },
  "errorsHub.timeout": {
    en: 'tool "{tool}" on server "{server}" did not answer within {ms} ms',
    es: 'la herramienta "{tool}" del servidor "{server}" no respondió en {ms} ms',
  },
  "errorsHub.timeoutHint": {
    en: 'raise "timeoutMs" for server "{server}" in the config if the tool is just slow',
    es: 'sube "timeoutMs" del servidor "{server}" en la configuración si la herramienta solo es lenta',
  },
} as const satisfies MessageTable;
