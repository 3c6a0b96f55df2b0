/** Messages of a team on one `agente serve`: accounts, tokens, sign-in, the audit trail. Keys start with `team.`. */
import type { MessageTable } from "./message-table.js";

export const teamMessages = {
  "team.unknownUser": {
    en: 'no user named "{name}"{suggestion}: see agente users list',
    es: 'no hay ningún usuario llamado "{name}"{suggestion}: mira agente users list',
  },
  "team.didYouMean": { en: ' (did you mean "{name}"?)', es: ' (¿querías decir "{name}"?)' },
  "team.unknownRole": {
    en: 'unknown role "{role}": use one of {roles}',
    es: 'rol desconocido "{role}": usa uno de {roles}',
  },
  "team.duplicateUser": {
    en: 'a user named "{name}" already exists: pick another name, or change the password with agente users passwd {name}',
    es: 'ya existe un usuario llamado "{name}": elige otro nombre, o cambia la contraseña con agente users passwd {name}',
  },
  "team.badName": {
    en: 'the user name "{name}" is not allowed: use 1 to 64 letters, digits, ".", "_", "-" or "@", starting with a letter or digit',
    es: 'el nombre de usuario "{name}" no está permitido: usa de 1 a 64 letras, cifras, ".", "_", "-" o "@", empezando por letra o cifra',
  },
  "team.emptyPassword": {
    en: "the password is empty: type one (at least {min} characters)",
    es: "la contraseña está vacía: escribe una (de {min} caracteres como mínimo)",
  },
  "team.shortPassword": {
    en: "the password has {length} characters: use at least {min}",
    es: "la contraseña tiene {length} caracteres: usa {min} como mínimo",
  },
  "team.passwordsDiffer": {
    en: "the two passwords differ: run the command again",
    es: "las dos contraseñas no coinciden: vuelve a ejecutar la orden",
  },
  "team.unknownToken": {
    en: 'no token with the id "{id}": see agente tokens list',
    es: 'no hay ningún token con el id "{id}": mira agente tokens list',
  },
  "team.passwordCancelled": {
    en: "cancelled: no password was set",
    es: "cancelado: no se ha puesto ninguna contraseña",
  },
  "team.passwordPrompt": { en: "Password for {name}: ", es: "Contraseña de {name}: " },
  "team.passwordAgain": { en: "Password again: ", es: "Repite la contraseña: " },
  "team.userAdded": { en: "added {name} ({role})", es: "añadido {name} ({role})" },
  "team.userRemoved": {
    en: "removed {name}, with their sign-ins, tokens, conversations and private documents",
    es: "eliminado {name}, con sus sesiones, tokens, conversaciones y documentos privados",
  },
  "team.roleChanged": {
    en: "{name} is now {role}",
    es: "{name} ahora es {role}",
  },
  "team.command.usersRole": {
    en: "change a person's role",
    es: "cambiar el rol de una persona",
  },
  "team.passwordChanged": {
    en: "changed the password of {name}",
    es: "cambiada la contraseña de {name}",
  },
  "team.noUsers": {
    en: "no users yet: add one with agente users add NAME --role ROLE",
    es: "aún no hay usuarios: añade uno con agente users add NOMBRE --role ROL",
  },
  "team.userLine": { en: "{name}  {role}  since {created}", es: "{name}  {role}  desde {created}" },
  "team.tokenCreated": {
    en: "token {id} for {name} (shown once, keep it now):",
    es: "token {id} de {name} (se muestra una sola vez, guárdalo ya):",
  },
  "team.noTokens": { en: "no tokens", es: "no hay tokens" },
  "team.tokenLine": {
    en: "{id}  {name}  {label}  since {created}",
    es: "{id}  {name}  {label}  desde {created}",
  },
  "team.tokenRevoked": { en: "revoked {id} ({name})", es: "revocado {id} ({name})" },
  "team.keyTooShort": {
    en: "AGENTE_API_KEY has {length} characters: use at least {min}, e.g. the output of openssl rand -hex 24",
    es: "AGENTE_API_KEY tiene {length} caracteres: usa {min} como mínimo, por ejemplo la salida de openssl rand -hex 24",
  },
  "team.tlsHalf": {
    en: "--tls-cert and --tls-key go together: give both, or neither",
    es: "--tls-cert y --tls-key van juntas: da las dos, o ninguna",
  },
  "team.tlsUnreadable": {
    en: "cannot read {file} ({reason})",
    es: "no se puede leer {file} ({reason})",
  },
  "team.badTrustProxy": {
    en: 'AGENTE_TRUST_PROXY must be true, false or the proxy addresses (e.g. 127.0.0.1,10.0.0.0/8), not "{value}"',
    es: 'AGENTE_TRUST_PROXY debe ser true, false o las direcciones del proxy (p. ej. 127.0.0.1,10.0.0.0/8), no "{value}"',
  },
  "team.signInRequired": {
    en: "sign in first: send Authorization: Bearer <token or AGENTE_API_KEY>, or sign in on the page",
    es: "entra primero: envía Authorization: Bearer <token o AGENTE_API_KEY>, o entra en la página",
  },
  "team.tooManyAttempts": {
    en: "too many wrong sign-ins: try again in {minutes} min",
    es: "demasiados intentos fallidos: vuelve a intentarlo dentro de {minutes} min",
  },
  "team.originRefused": {
    en: 'the Origin "{origin}" does not match this server: a signed-in page may only change things from its own origin',
    es: 'el Origin "{origin}" no coincide con este servidor: una página con sesión solo puede cambiar cosas desde su propio origen',
  },
  "team.loginAccountPrompt": {
    en: "Sign in with your name and password.",
    es: "Entra con tu nombre y tu contraseña.",
  },
  "team.loginName": { en: "Name", es: "Nombre" },
  "team.loginPassword": { en: "Password", es: "Contraseña" },
  "team.loginWrongPassword": {
    en: "That name and password do not match.",
    es: "Ese nombre y esa contraseña no coinciden.",
  },
  "team.loginSignOut": { en: "Sign out", es: "Salir" },
  "team.flagTlsCert": {
    en: "serve HTTPS with this certificate (PEM; with --tls-key)",
    es: "servir HTTPS con este certificado (PEM; con --tls-key)",
  },
  "team.flagTlsKey": {
    en: "the private key of --tls-cert (PEM)",
    es: "la clave privada de --tls-cert (PEM)",
  },
  "team.command.users": {
    en: "manage the people who sign in to agente serve (see docs/serve.md)",
    es: "gestionar las personas que entran en agente serve (ver docs/serve.md)",
  },
  "team.command.usersAdd": {
    en: "add a person (the password is asked twice, or read from stdin)",
    es: "añadir una persona (la contraseña se pide dos veces, o se lee de stdin)",
  },
  "team.command.usersList": { en: "list the people and their roles", es: "listar las personas y sus roles" },
  "team.command.usersRm": {
    en: "remove a person with their sign-ins, tokens, conversations and private documents",
    es: "eliminar una persona con sus sesiones, tokens, conversaciones y documentos privados",
  },
  "team.command.usersPasswd": {
    en: "change a person's password",
    es: "cambiar la contraseña de una persona",
  },
  "team.flagRole": {
    en: "their role, from the access section (default roles: admin, member, viewer)",
    es: "su rol, de la sección access (roles por defecto: admin, member, viewer)",
  },
  "team.command.tokens": {
    en: "personal API tokens for /v1, /api and /mcp (see docs/serve.md)",
    es: "tokens de API personales para /v1, /api y /mcp (ver docs/serve.md)",
  },
  "team.command.tokensCreate": {
    en: "create a token for a person: printed once, only its hash is kept",
    es: "crear un token para una persona: se muestra una vez, solo se guarda su hash",
  },
  "team.command.tokensList": {
    en: "list the tokens (of one person, when named)",
    es: "listar los tokens (de una persona, si se nombra)",
  },
  "team.command.tokensRevoke": { en: "revoke a token by its id", es: "revocar un token por su id" },
  "team.flagLabel": {
    en: "a label to tell the token apart (e.g. laptop)",
    es: "una etiqueta para distinguir el token (p. ej. portátil)",
  },
  "team.gatewaySessionsPerPerson": {
    en: "you already have {max} open MCP sessions: close one (DELETE /mcp) or wait until an idle one is closed",
    es: "ya tienes {max} sesiones MCP abiertas: cierra una (DELETE /mcp) o espera a que se cierre una inactiva",
  },
  // The audit trail: agente audit.
  "team.command.audit": {
    en: "show the audit trail: tool calls, approvals, sign-ins and changes to people (see docs/team.md)",
    es: "muestra el registro de auditoría: llamadas a herramientas, aprobaciones, accesos y cambios de personas (ver docs/team.md)",
  },
  "team.audit.user": {
    en: "only entries by, about or approved by this person",
    es: "solo entradas de esta persona, sobre ella o aprobadas por ella",
  },
  "team.audit.since": {
    en: "only entries from this date or time on (2026-12-07, 2026-12-07T15:00Z)",
    es: "solo entradas desde esta fecha u hora (2026-12-07, 2026-12-07T15:00Z)",
  },
  "team.audit.json": {
    en: "one JSON object per line (JSONL), for scripts",
    es: "un objeto JSON por línea (JSONL), para scripts",
  },
  "team.audit.badDate": {
    en: "--since {value} is not a date: write it as 2026-12-07 or 2026-12-07T15:00Z",
    es: "--since {value} no es una fecha: escríbela como 2026-12-07 o 2026-12-07T15:00Z",
  },
  "team.audit.none": { en: "No entries.", es: "No hay entradas." },
  "team.audit.time": { en: "time", es: "hora" },
  "team.audit.person": { en: "person", es: "persona" },
  "team.audit.kind": { en: "what", es: "qué" },
  "team.audit.detail": { en: "detail", es: "detalle" },
  "team.audit.decision": { en: "decision", es: "decisión" },
  "team.audit.outcome": { en: "outcome", es: "resultado" },
  "team.audit.duration": { en: "ms", es: "ms" },
} as const satisfies MessageTable;
