/**
 * A server that needs an OAuth sign-in, in the status panel: a button that starts the same flow as
 * `agente login SERVER` (POST /api/servers/:name/login) and opens the authorization address in a new tab
 * of this browser; or, when `serve` is not on loopback (the redirect could not reach it), the command to
 * run on its machine.
 */
import { api } from "./api.js";
import { el } from "./dom.js";
import type { PageText } from "./strings.js";

export function serverLoginView(server: string, signInHere: boolean, t: PageText): HTMLElement {
  if (!signInHere) return el("p", { class: "fix" }, t("page.login.elsewhere", { server }));
  const note = el("p", { class: "note", role: "status" });
  const button = el("button", { type: "button", class: "login" }, t("page.login.button", { server }));
  button.addEventListener("click", () => {
    // Opened now, inside the click (a tab opened after an await is blocked), pointed at the address later.
    const tab = window.open("about:blank", "_blank");
    if (tab !== null) tab.opener = null;
    button.disabled = true;
    void api.loginServer(server).then(
      (answer) => {
        if (answer.started && answer.url !== undefined && /^https?:\/\//i.test(answer.url)) {
          if (tab !== null) tab.location.href = answer.url;
          note.textContent = t("page.login.started");
        } else {
          tab?.close();
          note.textContent = t("page.login.notStarted");
          button.disabled = false;
        }
      },
      () => {
        tab?.close();
        note.textContent = t("page.login.failed");
        button.disabled = false;
      },
    );
  });
  return el("div", { class: "server-login" }, button, note);
}
