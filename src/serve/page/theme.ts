/**
 * Light or dark: the system's choice (`prefers-color-scheme`) until the reader picks one with the toggle;
 * the pick is kept in this browser (app.css reads `data-theme` on the root element).
 */
import { el } from "./dom.js";
import type { PageText } from "./strings.js";

const KEY = "agente-theme";

function stored(): "light" | "dark" | undefined {
  try {
    const value = localStorage.getItem(KEY);
    return value === "light" || value === "dark" ? value : undefined;
  } catch {
    return undefined;
  }
}

export function themeToggle(t: PageText): HTMLButtonElement {
  const system = matchMedia("(prefers-color-scheme: dark)");
  const button = el("button", { type: "button", class: "theme" });
  const dark = () => (stored() ?? (system.matches ? "dark" : "light")) === "dark";
  const draw = () => {
    const isDark = dark();
    const chosen = stored();
    if (chosen === undefined) delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = chosen;
    button.textContent = isDark ? "☀" : "☾";
    const label = t(isDark ? "page.themeToLight" : "page.themeToDark");
    button.setAttribute("aria-label", label);
    button.title = label;
  };
  button.addEventListener("click", () => {
    try {
      localStorage.setItem(KEY, dark() ? "light" : "dark");
    } catch {
      // Storage refused (private mode): the choice lasts until the page is reloaded.
      document.documentElement.dataset.theme = dark() ? "light" : "dark";
    }
    draw();
  });
  system.addEventListener("change", draw);
  draw();
  return button;
}
