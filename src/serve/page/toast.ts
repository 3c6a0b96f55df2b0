/** A short notice at the bottom of the page with one action (undo), read out by its live region. */
import { el } from "./dom.js";

let region: HTMLElement | undefined;

function toastRegion(): HTMLElement {
  if (region === undefined || !region.isConnected) {
    region = el("div", { class: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(region);
  }
  return region;
}

export function showToast(text: string, actionLabel: string, action: () => void, forMs: number): void {
  const button = el("button", { type: "button" }, actionLabel);
  const toast = el("div", { class: "toast" }, el("span", {}, text), button);
  const timer = setTimeout(() => toast.remove(), forMs);
  button.addEventListener("click", () => {
    clearTimeout(timer);
    toast.remove();
    action();
  });
  toastRegion().append(toast);
}
