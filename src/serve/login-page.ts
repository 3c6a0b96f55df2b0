/**
 * The sign-in page `agente serve` answers with when a browser is not signed in: the API key form on a
 * single-person server, the name and password form once accounts exist. Text from the catalogue.
 */
import type { Translator } from "../i18n/translator.js";

export type LoginForm = "key" | "account";

export type LoginProblem = "wrong" | "tooMany";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

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
  return `<!doctype html>
<html lang="${t.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t("serve.loginTitle")}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d2330;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;padding:2rem;border-radius:12px;box-shadow:0 2px 12px #0002;max-width:24rem}
label{display:block;margin:1rem 0 .3rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #767c89;border-radius:6px;font-size:1rem}
button{margin-top:1rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1f4fd1;color:#fff;font-size:1rem}
.error{color:#a4161a}
</style>
</head>
<body>
<main>
<h1>agente</h1>
<p>${t(form === "key" ? "serve.loginPrompt" : "team.loginAccountPrompt")}</p>
${error === "" ? "" : `<p class="error" role="alert">${error}</p>`}
<form method="post" action="/login">
${fields}
<button type="submit">${t("serve.loginButton")}</button>
</form>
${signInLink}
</main>
</body>
</html>
`;
}
