/** The passages an answer used from one file, in a modal dialog: the file, where in it, and the text. */
import type { PassageInfo } from "./api.js";
import { el } from "./dom.js";
import type { PageText } from "./strings.js";

export function openPassages(file: string, passages: readonly PassageInfo[], t: PageText): void {
  const close = el("button", { type: "button", class: "close" }, t("page.close"));
  const title = el("h2", { id: "passages-title" }, t("page.passagesOf", { file }));
  const dialog = el(
    "dialog",
    { class: "passages", "aria-labelledby": "passages-title" },
    el("div", { class: "dialog-head" }, title, close),
    ...passages.map((passage, index) =>
      el(
        "section",
        { class: "passage" },
        el("h3", {}, t("page.passageAt", { n: (passage.position ?? index) + 1 })),
        el("p", {}, passage.text),
      ),
    ),
  );
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}
