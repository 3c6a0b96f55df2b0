/**
 * Signing in to remote MCP servers (OAuth): `agente login` / `agente logout`, the "needs login" reason of
 * `servers` and `doctor`, and the page the browser shows after the redirect. Keys start with `oauth.`.
 */
import type { MessageTable } from "./message-table.js";

export const oauthMessages = {
  "oauth.command.login": {
    en: "sign in to a remote MCP server (OAuth) and keep its tokens",
    es: "iniciar sesión en un servidor MCP remoto (OAuth) y guardar sus tokens",
  },
  "oauth.command.logout": {
    en: "sign out of a remote MCP server: delete its stored tokens",
    es: "cerrar la sesión de un servidor MCP remoto: borrar sus tokens guardados",
  },
  "oauth.argument.server": {
    en: "the server's name in mcpServers",
    es: "el nombre del servidor en mcpServers",
  },
  "oauth.option.noBrowser": {
    en: "do not open a browser: print the address and wait for the pasted redirect",
    es: "no abrir el navegador: mostrar la dirección y esperar la redirección pegada",
  },
  "oauth.help.login": {
    en: "\nExamples:\n  agente login crm\n  agente login crm --no-browser   (sign in from another machine's browser)\n\nThe browser is $BROWSER when set, else the system's opener. Tokens are kept in\n${XDG_DATA_HOME:-~/.local/share}/agente/oauth (mode 0600) and refreshed on their own.\n",
    es: "\nEjemplos:\n  agente login crm\n  agente login crm --no-browser   (iniciar sesión con el navegador de otra máquina)\n\nEl navegador es $BROWSER si está definido; si no, el que abre el sistema. Los tokens se guardan en\n${XDG_DATA_HOME:-~/.local/share}/agente/oauth (modo 0600) y se renuevan solos.\n",
  },
  "oauth.help.logout": {
    en: "\nExample:\n  agente logout crm\n",
    es: "\nEjemplo:\n  agente logout crm\n",
  },
  "oauth.reason.needsLogin": {
    en: "needs login: run agente login {server}",
    es: "necesita iniciar sesión: ejecuta agente login {server}",
  },
  "oauth.login.opening": {
    en: "Opening the sign-in page of {server} in the browser…",
    es: "Abriendo la página de inicio de sesión de {server} en el navegador…",
  },
  "oauth.login.openThis": {
    en: "Open this address in a browser to sign in to {server}:\n{url}",
    es: "Abre esta dirección en un navegador para iniciar sesión en {server}:\n{url}",
  },
  "oauth.login.paste": {
    en: "Waiting for the browser. If it runs on another machine, paste here the address it ended on:",
    es: "Esperando al navegador. Si está en otra máquina, pega aquí la dirección en la que terminó:",
  },
  "oauth.login.done": {
    en: "Signed in to {server}. The login is kept in {file}.",
    es: "Sesión iniciada en {server}. Se guarda en {file}.",
  },
  "oauth.login.noLoginNeeded": {
    en: "{server} asked for no login: it is ready to use.",
    es: "{server} no pidió iniciar sesión: ya se puede usar.",
  },
  "oauth.logout.done": {
    en: "Signed out of {server}: its stored login is deleted.",
    es: "Sesión cerrada en {server}: se borró lo guardado.",
  },
  "oauth.logout.nothing": {
    en: "{server} had no stored login.",
    es: "{server} no tenía ninguna sesión guardada.",
  },
  "oauth.error.unknownServer": {
    en: 'no server named "{server}" in the config',
    es: 'no hay ningún servidor "{server}" en la configuración',
  },
  "oauth.error.unknownServerHint": {
    en: "agente servers lists the configured servers",
    es: "agente servers muestra los servidores configurados",
  },
  "oauth.error.notRemote": {
    en: '"{server}" is not a remote (HTTP) server: it needs no login',
    es: '"{server}" no es un servidor remoto (HTTP): no necesita iniciar sesión',
  },
  "oauth.error.loginRequired": {
    en: "{server} needs a login",
    es: "{server} necesita iniciar sesión",
  },
  "oauth.error.loginRequiredHint": {
    en: "run agente login {server}",
    es: "ejecuta agente login {server}",
  },
  "oauth.error.stateMismatch": {
    en: "the sign-in answer does not belong to this login (its state differs)",
    es: "la respuesta del inicio de sesión no corresponde a este intento (su state no coincide)",
  },
  "oauth.error.denied": {
    en: "the authorization server refused the sign-in ({code})",
    es: "el servidor de autorización rechazó el inicio de sesión ({code})",
  },
  "oauth.error.noCode": {
    en: "that address carries no authorization code",
    es: "esa dirección no trae ningún código de autorización",
  },
  "oauth.error.noAnswer": {
    en: "the sign-in did not finish: no answer came from the browser",
    es: "el inicio de sesión no terminó: no llegó respuesta del navegador",
  },
  "oauth.error.scopeRefused": {
    en: "the server still refuses access with the scopes just granted to it: signing in again would not help",
    es: "el servidor sigue negando el acceso con los permisos que acaba de recibir: volver a iniciar sesión no serviría",
  },
  "oauth.error.scopeRefusedHint": {
    en: "ask the administrator of {server} for that access",
    es: "pide ese acceso a quien administra {server}",
  },
  "oauth.error.assertionFile": {
    en: "could not read the workload's token file {file}",
    es: "no se pudo leer el archivo del token de la carga de trabajo {file}",
  },
  "oauth.error.assertionFileHint": {
    en: "check the server's oauth.assertionFile in the config, and that this user may read it",
    es: "revisa oauth.assertionFile del servidor en la configuración, y que este usuario puede leerlo",
  },
  "oauth.error.assertionRefused": {
    en: "the authorization server refused the workload's token (grant jwt_bearer); it is not sent again",
    es: "el servidor de autorización rechazó el token de la carga de trabajo (grant jwt_bearer); no se vuelve a enviar",
  },
  "oauth.error.assertionRefusedHint": {
    en: "check the token's audience and expiry, and oauth.assertion or oauth.assertionFile of {server}",
    es: "revisa la audiencia y la caducidad del token, y oauth.assertion u oauth.assertionFile de {server}",
  },
  "oauth.error.retryHint": {
    en: "run agente login {server} again",
    es: "vuelve a ejecutar agente login {server}",
  },
  "oauth.error.saveFailed": {
    en: 'could not save the login of "{server}" in {folder}',
    es: 'no se pudo guardar la sesión de "{server}" en {folder}',
  },
  "oauth.error.saveFailedHint": {
    en: "check that the folder is yours and writable",
    es: "comprueba que la carpeta es tuya y se puede escribir",
  },
  "oauth.error.issuerMismatch": {
    en: "the authorization server is not the one the sign-in started with (a possible mix-up attack)",
    es: "el servidor de autorización no es con el que empezó el inicio de sesión (posible ataque de mezcla)",
  },
  "oauth.error.failed": {
    en: "sign-in to {server} failed: {detail}",
    es: "falló el inicio de sesión en {server}: {detail}",
  },
  "oauth.page.title": { en: "agente: sign-in", es: "agente: inicio de sesión" },
  "oauth.page.done": {
    en: "Signed in. You can close this window and go back to agente.",
    es: "Sesión iniciada. Puedes cerrar esta ventana y volver a agente.",
  },
  "oauth.page.failed": {
    en: "The sign-in did not succeed. Go back to agente to see why.",
    es: "El inicio de sesión no salió bien. Vuelve a agente para ver por qué.",
  },
} satisfies MessageTable;
