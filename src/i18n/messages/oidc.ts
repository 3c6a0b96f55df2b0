/**
 * Single sign-on with OpenID Connect (`oidc` in agente.json): the login page's link, the one-line
 * messages of a sign-in that did not finish, the start-up and doctor check of the issuer, and the
 * section's config errors. Keys start with `oidc.`.
 */
import type { MessageTable } from "./message-table.js";

export const oidcMessages = {
  "oidc.signInWith": { en: "Sign in with {host}", es: "Entrar con {host}" },
  "oidc.failedTitle": { en: "agente: sign-in failed", es: "agente: no se pudo entrar" },
  "oidc.backToSignIn": { en: "Back to sign in", es: "Volver a entrar" },
  "oidc.unreachable": {
    en: "The sign-in provider {host} cannot be reached: try again in a minute, or tell your administrator.",
    es: "No se puede contactar con el proveedor de acceso {host}: inténtalo en un minuto o avisa a tu administrador.",
  },
  "oidc.stateMismatch": {
    en: "This sign-in expired or was altered: start again from the sign-in page.",
    es: "Este intento de entrada caducó o fue alterado: vuelve a empezar desde la página de entrada.",
  },
  "oidc.denied": {
    en: "The sign-in at {host} was cancelled or refused: start again, or tell your administrator.",
    es: "La entrada en {host} se canceló o fue rechazada: vuelve a empezar o avisa a tu administrador.",
  },
  "oidc.invalidAnswer": {
    en: "The answer of {host} could not be verified: start again, or ask your administrator to run agente doctor.",
    es: "No se pudo verificar la respuesta de {host}: vuelve a empezar o pide a tu administrador que ejecute agente doctor.",
  },
  "oidc.noRole": {
    en: "{name} is in no group that has a role on this agente: ask your administrator to add you to one.",
    es: "{name} no está en ningún grupo con un rol en este agente: pide a tu administrador que te añada a uno.",
  },
  "oidc.sessionFailed": {
    en: "Your sign-in was accepted but the session could not be started: try again, or tell your administrator.",
    es: "Tu entrada fue aceptada pero no se pudo abrir la sesión: inténtalo de nuevo o avisa a tu administrador.",
  },
  "oidc.issuerUnreachable": {
    en: "single sign-on: the issuer {issuer} cannot be reached ({reason}): check oidc.issuer in agente.json and the network",
    es: "inicio de sesión único: no se puede contactar con el emisor {issuer} ({reason}): revisa oidc.issuer en agente.json y la red",
  },
  "oidc.issuerReady": {
    en: "single sign-on: {issuer} answers",
    es: "inicio de sesión único: {issuer} responde",
  },
  "oidc.notWired": {
    en: "single sign-on is configured but this server has no sign-in session store: oidc is ignored",
    es: "el inicio de sesión único está configurado pero este servidor no tiene almacén de sesiones: se ignora oidc",
  },
  "oidc.doctorSubject": { en: "single sign-on", es: "inicio de sesión único" },
  "oidc.unknownRole": {
    en: 'oidc.{where} names the role "{role}", which the access section does not have: use one of {roles}',
    es: 'oidc.{where} nombra el rol "{role}", que la sección access no tiene: usa uno de {roles}',
  },
  "oidc.insecureIssuer": {
    en: "oidc.issuer {issuer} must use https (plain http only on loopback)",
    es: "oidc.issuer {issuer} debe usar https (http sin cifrar solo en loopback)",
  },
  "oidc.scopesWithoutOpenid": {
    en: 'oidc.scopes must include "openid"',
    es: 'oidc.scopes debe incluir "openid"',
  },
} satisfies MessageTable;
