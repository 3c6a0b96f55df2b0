/**
 * The sign-in page `agente serve` answers with when a browser is not signed in: the API key form on a
 * single-person server, the name and password form once accounts exist. Text from the catalogue.
 */
import type { Translator } from "../i18n/translator.js";
import { escapeHtml, smallPage } from "./small-page.js";

export type LoginForm = "key" | "account";

export type LoginProblem = "wrong" | "tooMany";

export function loginPage(
  t: Translator,
  form: LoginForm,
  problem?: { kind: LoginProblem; retryAfterSeconds?: number },
  name = "",
  /** Single sign-on's link (team/oidc-routes.ts), already HTML. */
  signInLink = "",
): string {
  const error =
    problem === undefined
      ? ""
      : problem.kind === "tooMany"
        ? t("team.tooManyAttempts", {
            minutes: Math.max(1, Math.ceil((problem.retryAfterSeconds ?? 60) / 60)),
          })
        : t(form === "key" ? "serve.loginWrong" : "team.loginWrongPassword");
  const fields =
    form === "key"
      ? `<label for="key">${t("serve.loginKey")}</label>
<input id="key" name="key" type="password" autocomplete="current-password" required autofocus>`
      : `<label for="name">${t("team.loginName")}</label>
<input id="name" name="name" type="text" autocomplete="username" value="${escapeHtml(name)}" required${name === "" ? " autofocus" : ""}>
<label for="password">${t("team.loginPassword")}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${name === "" ? "" : " autofocus"}>`;
  return smallPage({
    language: t.language,
    title: t("serve.loginTitle"),
    body: `<p>${t(form === "key" ? "serve.loginPrompt" : "team.loginAccountPrompt")}</p>
${error === "" ? "" : `<p class="error" role="alert">${error}</p>`}
<form method="post" action="/login">
${fields}
<button type="submit">${t("serve.loginButton")}</button>
</form>
${signInLink}`,
  });
}
