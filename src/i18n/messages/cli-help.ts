/** The examples and notes each command's `--help` ends with. Keys start with `cliHelp.`. */
import type { MessageTable } from "./message-table.js";

export const cliHelpMessages = {
  "cliHelp.ask": {
    en: `
Examples:
  agente ask "consulta empresa X"
  agente ask --provider llama-cpp --gguf ./models/llama-3.2-1b.gguf "¿qué dice el contrato sobre plazos?"
  agente ask --json --trace turn.jsonl "busca el documento de precios"

Exit code: 0 with an answer; 1 when the turn ended without one (step limit, invalid model output, the model
or a server failed: with --json, stdout still gets {"answer": null, "stopReason": "error", "error": {…}});
2 for a usage error (an empty question); 130 when cancelled with Ctrl-C.`,
    es: `
Ejemplos:
  agente ask "consulta empresa X"
  agente ask --provider llama-cpp --gguf ./models/llama-3.2-1b.gguf "¿qué dice el contrato sobre plazos?"
  agente ask --json --trace turn.jsonl "busca el documento de precios"

Código de salida: 0 con una respuesta; 1 si el turno terminó sin ella (límite de pasos, salida del modelo no
válida, fallo del modelo o de un servidor: con --json, stdout recibe igualmente {"answer": null, "stopReason":
"error", "error": {…}}); 2 si el uso es incorrecto (una pregunta vacía); 130 si se cancela con Ctrl-C.`,
  },
  "cliHelp.chat": {
    en: `
Examples:
  agente                                   chat with the default model (llama3.2:1b on Ollama)
  agente chat --model qwen2.5:3b --verbose show retrieved context, tool choices and model calls
  agente chat --provider llama-cpp --gguf ./models/model.gguf
  Leave with salir, exit or Ctrl-D; Ctrl-C cancels the current turn.`,
    es: `
Ejemplos:
  agente                                   conversa con el modelo por defecto (llama3.2:1b en Ollama)
  agente chat --model qwen2.5:3b --verbose muestra el contexto recuperado, las herramientas elegidas y las llamadas al modelo
  agente chat --provider llama-cpp --gguf ./models/model.gguf
  Sal con salir, exit o Ctrl-D; Ctrl-C cancela el turno en curso.`,
  },
  "cliHelp.doctor": {
    en: `
Examples:
  agente doctor
  agente doctor --provider openai --base-url http://localhost:8080/v1
  OLLAMA_HOST=http://gpu-box:11434 agente doctor

Exit code: 0 when everything is ready; 1 when something needs fixing (the FIX lines say what).`,
    es: `
Ejemplos:
  agente doctor
  agente doctor --provider openai --base-url http://localhost:8080/v1
  OLLAMA_HOST=http://gpu-box:11434 agente doctor

Código de salida: 0 si todo está listo; 1 si hay algo que arreglar (las líneas ARREGLA dicen qué).`,
  },
  "cliHelp.eval": {
    en: `
Examples:
  agente eval eval/scenarios/seed-domain.jsonl                       (Ollama, llama3.2:1b)
  agente eval eval/scenarios/seed-domain.jsonl -m llama3.2:3b --json > 3b.json
  agente eval eval/scenarios/held-out.jsonl --filter '^h60-es' --ranker hybrid
  agente eval eval/scenarios/seed-domain.jsonl --provider llama-cpp --gguf model.gguf

Progress goes to stderr, the report to stdout. See docs/eval.md.`,
    es: `
Ejemplos:
  agente eval eval/scenarios/seed-domain.jsonl                       (Ollama, llama3.2:1b)
  agente eval eval/scenarios/seed-domain.jsonl -m llama3.2:3b --json > 3b.json
  agente eval eval/scenarios/held-out.jsonl --filter '^h60-es' --ranker hybrid
  agente eval eval/scenarios/seed-domain.jsonl --provider llama-cpp --gguf model.gguf

El progreso va a stderr y el informe a stdout. Ver docs/eval.md.`,
  },
  "cliHelp.ingest": {
    en: `
Examples:
  agente ingest ~/notes docs/manual.pdf        add or update files and folders
  agente ingest ~/notes --prune                also forget files deleted from ~/notes
  agente ingest contracts/ --collection legal

Unchanged files are skipped, changed ones replaced; re-running never duplicates. Hidden files, node_modules
and what .gitignore/.agenteignore list are skipped. With AGENTE_MEMORY_ROOTS set, paths must lie under those
roots; symlinks leading out of the roots (or out of the given paths) are refused.`,
    es: `
Ejemplos:
  agente ingest ~/notas docs/manual.pdf        añade o actualiza archivos y carpetas
  agente ingest ~/notas --prune                olvida también los archivos borrados de ~/notas
  agente ingest contratos/ --collection legal

Los archivos sin cambios se omiten y los modificados se reemplazan; repetir nunca duplica. Se omiten los
archivos ocultos, node_modules y lo que enumeren .gitignore/.agenteignore. Con AGENTE_MEMORY_ROOTS, las rutas
deben estar dentro de esas raíces; se rechazan los enlaces simbólicos que salen de ellas (o de las rutas dadas).`,
  },
  "cliHelp.init": {
    en: `
Which servers are enabled depends on the environment (and .env):
  memory       always (agente's own, on this Node)
  odoo         written always; enabled when ODOO_URL is set (also needs ODOO_DB, ODOO_USER, ODOO_API_KEY or ODOO_PASSWORD)
  filesystem   always, on --folder, read-only unless --allow-file-writes
  postgres     when --database-url or DATABASE_URL is given
  maps         when GOOGLE_MAPS_API_KEY is set

Examples:
  agente init
  agente init --folder ~/Documentos --database-url postgres://lector@localhost/agente_demo
  agente --config team.json init --force`,
    es: `
Qué servidores quedan activados depende del entorno (y de .env):
  memory       siempre (el propio de agente, con este Node)
  odoo         se escribe siempre; activado si ODOO_URL está definida (necesita también ODOO_DB, ODOO_USER, ODOO_API_KEY u ODOO_PASSWORD)
  filesystem   siempre, sobre --folder, de solo lectura salvo con --allow-file-writes
  postgres     si se da --database-url o DATABASE_URL
  maps         si GOOGLE_MAPS_API_KEY está definida

Ejemplos:
  agente init
  agente init --folder ~/Documentos --database-url postgres://lector@localhost/agente_demo
  agente --config equipo.json init --force`,
  },
  "cliHelp.mcp": {
    en: `
Tools that need approval (destructive ones, servers with "requireApproval") are confirmed by the client's
user through MCP elicitation. Clients without elicitation do not see them, unless "mcpGateway.allowUnconfirmed"
in agente.json (or --yes) allows them to run unconfirmed.

Example client config (Claude Desktop, Cursor, VS Code):
  { "mcpServers": { "agente": { "command": "agente", "args": ["mcp", "--config", "/path/agente.json"] } } }

Docs: docs/mcp-gateway.md`,
    es: `
Las herramientas que necesitan aprobación (las destructivas, las de servidores con "requireApproval") las
confirma el usuario del cliente mediante elicitation de MCP. Los clientes sin elicitation no las ven, salvo que
"mcpGateway.allowUnconfirmed" en agente.json (o --yes) permita ejecutarlas sin confirmar.

Ejemplo de configuración del cliente (Claude Desktop, Cursor, VS Code):
  { "mcpServers": { "agente": { "command": "agente", "args": ["mcp", "--config", "/ruta/agente.json"] } } }

Documentación: docs/mcp-gateway.md`,
  },
  "cliHelp.memory": {
    en: `
Examples:
  agente memory stats
  agente memory list --collection contratos
  agente memory search "horario de atención"
  agente memory forget ~/empresa/documentos/viejo.pdf
  agente memory reindex`,
    es: `
Ejemplos:
  agente memory stats
  agente memory list --collection contratos
  agente memory search "horario de atención"
  agente memory forget ~/empresa/documentos/viejo.pdf
  agente memory reindex`,
  },
  "cliHelp.models": {
    en: `
Examples:
  agente models list
  agente models pull                      the default embedded model (or AGENTE_GGUF_URL)
  agente models pull https://mirror.example/models/other.gguf --sha256 <64 hex digits>
  agente models rm Qwen3-1.7B-Q4_K_M.gguf`,
    es: `
Ejemplos:
  agente models list
  agente models pull                      el modelo integrado por defecto (o AGENTE_GGUF_URL)
  agente models pull https://mirror.example/models/otro.gguf --sha256 <64 dígitos hexadecimales>
  agente models rm Qwen3-1.7B-Q4_K_M.gguf`,
  },
  "cliHelp.resources.list": {
    en: `
Examples:
  agente resources list
  agente resources list --json`,
    es: `
Ejemplos:
  agente resources list
  agente resources list --json`,
  },
  "cliHelp.resources.read": {
    en: `
Examples:
  agente resources read files file:///home/ana/notas.md`,
    es: `
Ejemplos:
  agente resources read files file:///home/ana/notas.md`,
  },
  "cliHelp.prompts.list": {
    en: `
Examples:
  agente prompts list`,
    es: `
Ejemplos:
  agente prompts list`,
  },
  "cliHelp.prompts.get": {
    en: `
Examples:
  agente prompts get greet --args '{"who": "Ana"}'`,
    es: `
Ejemplos:
  agente prompts get greet --args '{"who": "Ana"}'`,
  },
  "cliHelp.serve": {
    en: `
Examples:
  agente serve                                    http://127.0.0.1:8080 (web chat at /, API at /v1)
  AGENTE_API_KEY=$(openssl rand -hex 24) agente serve --host 0.0.0.0 --port 8080

Environment: AGENTE_API_KEY (bearer key; required off loopback), AGENTE_CORS_ORIGIN, AGENTE_SERVE_TURNS_PER_KEY,
AGENTE_SERVE_BODY_BYTES, AGENTE_SERVE_UPLOAD_BYTES, AGENTE_CONVERSATIONS_PATH. See docs/serve.md.`,
    es: `
Ejemplos:
  agente serve                                    http://127.0.0.1:8080 (chat web en /, API en /v1)
  AGENTE_API_KEY=$(openssl rand -hex 24) agente serve --host 0.0.0.0 --port 8080

Entorno: AGENTE_API_KEY (clave bearer; obligatoria fuera de loopback), AGENTE_CORS_ORIGIN, AGENTE_SERVE_TURNS_PER_KEY,
AGENTE_SERVE_BODY_BYTES, AGENTE_SERVE_UPLOAD_BYTES, AGENTE_CONVERSATIONS_PATH. Ver docs/serve.md.`,
  },
  "cliHelp.servers": {
    en: `
Examples:
  agente servers                      status of every server in ./agente.json (or the defaults)
  agente servers --json | jq '.[] | select(.state != "up")'
  agente --config team.json servers

Exit code: 0 even when some servers are down (their reason is printed); 1 when the config is invalid.`,
    es: `
Ejemplos:
  agente servers                      estado de cada servidor de ./agente.json (o de los predeterminados)
  agente servers --json | jq '.[] | select(.state != "up")'
  agente --config equipo.json servers

Código de salida: 0 aunque algún servidor no funcione (se muestra el motivo); 1 si la configuración no es válida.`,
  },
  "cliHelp.tools.list": {
    en: `
Examples:
  agente tools list
  agente tools list --json | jq '.[] | select(.annotations.destructiveHint)'`,
    es: `
Ejemplos:
  agente tools list
  agente tools list --json | jq '.[] | select(.annotations.destructiveHint)'`,
  },
  "cliHelp.tools.call": {
    en: `
Examples:
  agente tools call recuperar_contexto --args '{"pregunta": "horario de atención"}'
  agente tools call read_text_file --args '{"path": "notes.md"}' --json

A tool that needs approval (destructive, or on a requireApproval server) is asked about on a terminal,
and refused without one unless --yes is given, as in a chat.

Exit code: 0 for a result, 1 when the tool reported an error (isError), was refused, or could not be called.`,
    es: `
Ejemplos:
  agente tools call recuperar_contexto --args '{"pregunta": "horario de atención"}'
  agente tools call read_text_file --args '{"path": "notas.md"}' --json

Una herramienta que necesita aprobación (destructiva, o de un servidor con requireApproval) se pregunta en la
terminal, y sin terminal se rechaza salvo con --yes, como en el chat.

Código de salida: 0 con un resultado; 1 si la herramienta informó de un error (isError), se rechazó o no se pudo llamar.`,
  },
} as const satisfies MessageTable;
