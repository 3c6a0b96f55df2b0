/** Messages of the MCP gateway (`/mcp` and `agente mcp`). Keys start with `gateway.`. */
import type { MessageTable } from "./message-table.js";

export const gatewayMessages = {
  "gateway.confirm": {
    en: "agente wants to run {tool} (server {server}) with {arguments}. Allow it?",
    es: "agente quiere ejecutar {tool} (servidor {server}) con {arguments}. ¿Lo permites?",
  },
  "gateway.refused.declined": {
    en: "{tool} was not run: the user declined it.",
    es: "No se ejecutó {tool}: el usuario lo rechazó.",
  },
  "gateway.refused.cancelled": {
    en: "{tool} was not run: the user cancelled the confirmation.",
    es: "No se ejecutó {tool}: el usuario canceló la confirmación.",
  },
  "gateway.refused.timeout": {
    en: "{tool} was not run: nobody answered the confirmation in time.",
    es: "No se ejecutó {tool}: nadie respondió a la confirmación a tiempo.",
  },
  "gateway.refused.unconfirmable": {
    en: "{tool} was not run: it needs the user's confirmation and this MCP client cannot ask for it (no elicitation). To allow it anyway, set mcpGateway.allowUnconfirmed in agente.json.",
    es: "No se ejecutó {tool}: necesita la confirmación del usuario y este cliente MCP no puede pedirla (no admite elicitación). Para permitirla igualmente, pon mcpGateway.allowUnconfirmed en agente.json.",
  },
  "gateway.toolFailed": {
    en: "error calling {tool}: {message}",
    es: "error al llamar a {tool}: {message}",
  },
  "gateway.sampling.refused": {
    en: "MCP server {server} asked for a model reply (sampling); this MCP client cannot give one and agente's model answers only servers listed in mcpGateway.allowUnconfirmed in agente.json.",
    es: "El servidor MCP {server} pidió una respuesta de un modelo (sampling); este cliente MCP no puede darla y el modelo de agente solo responde a los servidores de mcpGateway.allowUnconfirmed en agente.json.",
  },
  "gateway.agentFailed": {
    en: "the agent could not answer: {message}",
    es: "el agente no pudo responder: {message}",
  },
  "gateway.unknownResource": {
    en: "no connected server offers the resource {uri}",
    es: "ningún servidor conectado ofrece el recurso {uri}",
  },
  "gateway.session.missing": {
    en: "no valid Mcp-Session-Id header: send an initialize request first",
    es: "falta una cabecera Mcp-Session-Id válida: envía antes una petición initialize",
  },
  "gateway.session.notFound": {
    en: "MCP session not found (closed or expired): start a new session with initialize",
    es: "no existe esa sesión MCP (cerrada o caducada): abre una nueva con initialize",
  },
  "gateway.session.tooMany": {
    en: "too many open MCP sessions ({max}): close one or raise mcpGateway.maxSessions",
    es: "demasiadas sesiones MCP abiertas ({max}): cierra alguna o sube mcpGateway.maxSessions",
  },
  "gateway.stdio.ready": {
    en: "agente mcp: serving {tools} {tools:tool|tools} over stdio (MCP); the client ends it by closing stdin",
    es: "agente mcp: sirviendo {tools} {tools:herramienta|herramientas} por stdio (MCP); el cliente lo termina cerrando stdin",
  },
  "gateway.internal": {
    en: "internal error of the MCP gateway: {message}",
    es: "error interno del gateway MCP: {message}",
  },
} as const satisfies MessageTable;
