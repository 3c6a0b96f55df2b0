/**
 * Keeps the message list at its newest text while the reader is there; once they scroll up to read, it
 * stays where they are and offers "jump to latest" instead.
 */
import { el } from "./dom.js";

/** How close to the bottom (px) still counts as being at the newest text. */
const NEAR = 48;

export class Follower {
  readonly button: HTMLButtonElement;
  private readonly list: HTMLElement;
  private following = true;

  constructor(list: HTMLElement, label: string) {
    this.list = list;
    this.button = el("button", { type: "button", class: "jump", hidden: true }, `↓ ${label}`);
    this.button.addEventListener("click", () => this.toBottom());
    list.addEventListener("scroll", () => {
      this.following = this.atBottom();
      if (this.following) this.button.hidden = true;
    });
  }

  private atBottom(): boolean {
    const list = this.list;
    return list.scrollHeight - list.scrollTop - list.clientHeight <= NEAR;
  }

  /** New text arrived: follow it, or say there is more below. */
  changed(): void {
    if (this.following) this.list.scrollTop = this.list.scrollHeight;
    else this.button.hidden = this.atBottom();
  }

  toBottom(): void {
    this.following = true;
    this.button.hidden = true;
    this.list.scrollTop = this.list.scrollHeight;
  }
}
