/** The command line's own text: help, the chat, approval prompts, status lines. Keys start with `cli.`. */
import type { MessageTable } from "./message-table.js";

export const cliMessages = {
  "cli.program.description": {
    en: "A local-first AI agent: a small local model acting through MCP servers (memory, Odoo, files, SQL).",
    es: "Un agente de IA local: un modelo pequeño que actúa a través de servidores MCP (memoria, Odoo, archivos, SQL).",
  },
  "cli.option.config": {
    en: "config file (default: ./agente.json, then ~/.config/agente/agente.json)",
    es: "archivo de configuración (por defecto: ./agente.json, luego ~/.config/agente/agente.json)",
  },
  "cli.option.verbose": {
    en: "show server logs, tool calls and retrieved context as they happen",
    es: "muestra los registros de los servidores, las llamadas a herramientas y el contexto recuperado",
  },
  "cli.option.debug": { en: "show stack traces on errors", es: "muestra la traza completa de los errores" },
  "cli.option.lang": {
    en: "language of messages: es or en (env AGENTE_LANG, then LC_ALL/LC_MESSAGES/LANG)",
    es: "idioma de los mensajes: es o en (variable AGENTE_LANG, luego LC_ALL/LC_MESSAGES/LANG)",
  },
  "cli.option.version": { en: "output the version number", es: "muestra la versión" },
  "cli.option.help": { en: "display help for command", es: "muestra la ayuda del comando" },
  "cli.help.afterError": { en: "(run with --help for usage)", es: "(ejecuta con --help para ver el uso)" },
  "cli.help.usage.options": { en: "[options]", es: "[opciones]" },
  "cli.help.usage.command": { en: "[command]", es: "[comando]" },
  "cli.help.title.usage": { en: "Usage:", es: "Uso:" },
  "cli.help.title.options": { en: "Options:", es: "Opciones:" },
  "cli.help.title.commands": { en: "Commands:", es: "Comandos:" },
  "cli.help.title.arguments": { en: "Arguments:", es: "Argumentos:" },
  "cli.help.title.globalOptions": { en: "Global Options:", es: "Opciones globales:" },
  "cli.help.examples": {
    en: `
Examples:
  agente                                   chat (Ollama at $OLLAMA_HOST if it has llama3.2:1b, else the embedded model)
  agente ask "consulta empresa Empresa X"  one question, one answer
  agente ingest ~/empresa/documentos       put a folder into the memory the agent searches
  agente servers                           which MCP servers are up, and why the others are not
  agente init                              write a starter agente.json here
  agente doctor                            what to fix before the first question
  agente serve                             the web chat and an OpenAI-compatible API at http://127.0.0.1:8080
  agente models list                       the models agente downloaded (docs/models.md)

Docs: README.md and docs/ (configuration.md lists every key, variable and flag).`,
    es: `
Ejemplos:
  agente                                   chat (Ollama en $OLLAMA_HOST si tiene llama3.2:1b; si no, el modelo integrado)
  agente ask "consulta empresa Empresa X"  una pregunta, una respuesta
  agente ingest ~/empresa/documentos       guarda una carpeta en la memoria que consulta el agente
  agente servers                           qué servidores MCP funcionan, y por qué no los demás
  agente init                              escribe aquí un agente.json inicial
  agente doctor                            qué arreglar antes de la primera pregunta
  agente serve                             el chat web y una API compatible con OpenAI en http://127.0.0.1:8080
  agente models list                       los modelos que agente ha descargado (docs/models.md)

Documentación: README.md y docs/ (configuration.md enumera cada clave, variable y opción).`,
  },
  "cli.command.chat": {
    en: "chat with the agent (the default command)",
    es: "conversa con el agente (el comando por defecto)",
  },
  "cli.command.ask": {
    en: "ask one question: the agent uses the tools it needs and prints the answer",
    es: "haz una pregunta: el agente usa las herramientas que necesite e imprime la respuesta",
  },
  "cli.command.ingest": {
    en: "read files and folders (text, Markdown, HTML, PDF, DOCX, CSV, JSON) into agente's memory",
    es: "lee archivos y carpetas (texto, Markdown, HTML, PDF, DOCX, CSV, JSON) en la memoria de agente",
  },
  "cli.command.memory": {
    en: "inspect and manage agente's document memory (see docs/memory.md)",
    es: "consulta y gestiona la memoria de documentos de agente (ver docs/memory.md)",
  },
  "cli.command.servers": {
    en: "connect every configured MCP server and show its status and tools",
    es: "conecta cada servidor MCP configurado y muestra su estado y sus herramientas",
  },
  "cli.command.tools": {
    en: "list the tools of every server, or call one",
    es: "lista las herramientas de cada servidor, o llama a una",
  },
  "cli.command.resources": {
    en: "list or read the resources servers offer",
    es: "lista o lee los recursos que ofrecen los servidores",
  },
  "cli.command.prompts": {
    en: "list or get the prompts servers offer",
    es: "lista u obtiene las plantillas (prompts) que ofrecen los servidores",
  },
  "cli.command.doctor": {
    en: "check the model provider and every server, and say what to fix",
    es: "comprueba el proveedor del modelo y cada servidor, y di qué arreglar",
  },
  "cli.command.init": {
    en: "write a starter agente.json here: memory, Odoo, files, PostgreSQL and Maps servers",
    es: "escribe aquí un agente.json inicial: servidores de memoria, Odoo, archivos, PostgreSQL y Maps",
  },
  "cli.command.eval": {
    en: "measure tool-use accuracy: run scenarios (JSONL) through the agent against real MCP servers",
    es: "mide la precisión en el uso de herramientas: ejecuta escenarios (JSONL) con servidores MCP reales",
  },
  "cli.command.models": {
    en: "the model files agente downloads (the embedded model): list, pull, rm; see docs/models.md",
    es: "los archivos de modelo que descarga agente (el modelo integrado): list, pull, rm; ver docs/models.md",
  },
  "cli.command.serve": {
    en: "serve the web chat, an OpenAI-compatible API and the MCP gateway over HTTP",
    es: "sirve el chat web, una API compatible con OpenAI y la pasarela MCP por HTTP",
  },
  "cli.command.mcp": {
    en: "serve agente's tools and agent as an MCP server over stdio (Claude Desktop, Cursor, VS Code)",
    es: "ofrece las herramientas y el agente de agente como servidor MCP por stdio (Claude Desktop, Cursor, VS Code)",
  },
  "cli.chat.banner": {
    en: "agente · {model} · type exit to leave",
    es: "agente · {model} · escribe salir para terminar",
  },
  "cli.chat.prompt": { en: "You: ", es: "Usuario: " },
  "cli.chat.answer": { en: "Agent: {answer}", es: "Agente: {answer}" },
  "cli.chat.cancelled": { en: "(cancelled)", es: "(cancelado)" },
  "cli.chat.howToLeave": {
    en: "(type exit or press Ctrl-D to leave)",
    es: "(escribe salir o pulsa Ctrl-D para terminar)",
  },
  "cli.chat.serverUp": {
    en: "· server {name} ready: {tools} {tools:tool|tools}",
    es: "· servidor {name} listo: {tools} {tools:herramienta|herramientas}",
  },
  "cli.chat.serverDown": {
    en: "! server {name} is down: {reason} (see `agente doctor`)",
    es: "! el servidor {name} no funciona: {reason} (ver `agente doctor`)",
  },
  "cli.chat.serverDisabled": {
    en: "· server {name} disabled in the config",
    es: "· servidor {name} desactivado en la configuración",
  },
  "cli.chat.modelReady": { en: "· model {model} ready", es: "· modelo {model} listo" },
  "cli.chat.modelPending": { en: "· model {model}: {where}", es: "· modelo {model}: {where}" },
  "cli.chat.modelProblem": { en: "! model {model}: {problem}", es: "! modelo {model}: {problem}" },
  "cli.approval.question": { en: "Run {tool} {args}? [y/N] ", es: "¿Ejecutar {tool} {args}? [s/N] " },
  "cli.approval.declined": { en: "the user did not approve it", es: "el usuario no lo aprobó" },
  "cli.approval.noTerminal": {
    en: "✗ not run: {tool} needs your approval and there is no terminal to ask on (run agente with --yes to allow it)",
    es: "✗ no se ejecutó: {tool} necesita tu aprobación y no hay terminal para pedirla (ejecuta agente con --yes para permitirla)",
  },
  "cli.approval.declinedLine": {
    en: "✗ not run: you did not approve {tool}",
    es: "✗ no se ejecutó: no aprobaste {tool}",
  },
  "cli.servers.config": { en: "config: {file}", es: "configuración: {file}" },
  "cli.servers.noConfig": {
    en: "config: none found, using the built-in defaults (run `agente init` to write one)",
    es: "configuración: no hay ninguna, se usan los servidores por defecto (`agente init` escribe una)",
  },
  "cli.ask.emptyQuestion": { en: "the question is empty", es: "la pregunta está vacía" },
  "cli.ask.emptyQuestionHint": {
    en: 'usage: agente ask "your question"',
    es: 'uso: agente ask "tu pregunta"',
  },
  // cli-contact (issue 20): the chat names the model that answers.
  "cli.chat.bannerSettling": {
    en: "agente · type exit to leave",
    es: "agente · escribe salir para terminar",
  },
} as const satisfies MessageTable;
