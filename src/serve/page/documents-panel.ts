/**
 * The documents memory holds, in the sidebar: each with its size, passages and date, and a delete button;
 * files dropped or chosen here go into memory with their progress, then "processing" until they are
 * stored, then what happened to them (a skipped file says why). The upload says where files go: a choice
 * between the shared memory and the reader's private one when their role may publish, else a note that
 * they go to the private one. Private documents say so.
 */
import { api, type DocumentInfo, type UploadResult, uploadDocument } from "./api.js";
import { el } from "./dom.js";
import type { PageText } from "./strings.js";

export class DocumentsPanel {
  readonly element: HTMLElement;
  private readonly list = el("ul", { class: "documents" });
  private readonly uploads = el("ul", { class: "uploads", "aria-live": "polite" });
  private readonly t: PageText;
  private readonly language: string;
  private readonly destination = el("select", { id: "upload-destination", class: "destination" });
  private readonly where = el("p", { class: "muted where" });

  constructor(t: PageText, language: string) {
    this.t = t;
    this.language = language;
    const input = el("input", { type: "file", id: "files", multiple: true, class: "file-input" });
    const zone = el(
      "div",
      { class: "dropzone" },
      el("p", {}, t("page.dropHere")),
      // The input sits hidden before its label, so the label shows the input's focus (app.css).
      input,
      el("label", { for: "files", class: "button" }, t("page.chooseFiles")),
      this.where,
    );
    input.addEventListener("change", () => this.send(input.files));
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("over");
      this.send(event.dataTransfer?.files ?? null);
    });
    this.element = el(
      "section",
      { class: "panel", "aria-labelledby": "documents-title" },
      el("h2", { id: "documents-title" }, t("page.documents")),
      zone,
      this.uploads,
      this.list,
    );
  }

  async refresh(): Promise<void> {
    const { documents, publish } = await api.documents();
    this.showDestination(publish !== false);
    if (documents.length === 0) {
      this.list.replaceChildren(el("li", { class: "muted" }, this.t("page.noDocuments")));
      return;
    }
    this.list.replaceChildren(...documents.map((document) => this.item(document)));
  }

  private showDestination(publish: boolean): void {
    if (!publish) {
      this.destination.replaceChildren(el("option", { value: "private" }, this.t("page.team.uploadPrivate")));
      this.where.replaceChildren(this.t("page.team.uploadPrivateOnly"));
      return;
    }
    if (this.destination.options.length === 2) return;
    this.destination.replaceChildren(
      el("option", { value: "shared" }, this.t("page.team.uploadShared")),
      el("option", { value: "private" }, this.t("page.team.uploadPrivate")),
    );
    this.where.replaceChildren(
      el("label", { for: "upload-destination" }, this.t("page.team.uploadTo")),
      " ",
      this.destination,
    );
  }

  private item(document: DocumentInfo): HTMLElement {
    const remove = el(
      "button",
      {
        type: "button",
        class: "icon remove",
        "aria-label": this.t("page.deleteDocument", { file: document.name }),
        title: this.t("page.deleteDocument", { file: document.name }),
      },
      "×",
    );
    remove.addEventListener("click", () => {
      remove.disabled = true;
      void api.deleteDocument(document.id).then(() => this.refresh());
    });
    const line = this.t(document.passages === 1 ? "page.documentLine_one" : "page.documentLine", {
      size: document.size === undefined ? "—" : this.size(document.size),
      passages: document.passages,
      date: new Intl.DateTimeFormat(this.language, { dateStyle: "medium" }).format(
        new Date(document.storedAt),
      ),
    });
    return el(
      "li",
      { class: "document" },
      el("span", { class: "name" }, document.name),
      el(
        "span",
        { class: "muted" },
        // Shared is the usual place (and the only one on a single-person serve): only private is marked.
        document.place === "private" ? `${this.t("page.team.placePrivate")} · ${line}` : line,
      ),
      remove,
    );
  }

  private size(bytes: number): string {
    const format = (value: number, unit: string) =>
      `${new Intl.NumberFormat(this.language, { maximumFractionDigits: 1 }).format(value)} ${unit}`;
    if (bytes < 1024) return format(bytes, "B");
    if (bytes < 1024 * 1024) return format(bytes / 1024, "kB");
    return format(bytes / (1024 * 1024), "MB");
  }

  private send(files: FileList | null): void {
    for (const file of Array.from(files ?? [])) {
      const progress = el("progress", { max: "1", value: "0", "aria-label": file.name });
      const line = el("span", {}, this.t("page.uploading", { file: file.name }));
      this.uploads.append(el("li", {}, line, progress));
      const destination = this.destination.value === "shared" ? "shared" : "private";
      uploadDocument(file, destination, (fraction) => {
        progress.value = fraction;
        // All bytes sent: the server now reads, splits and stores the file.
        if (fraction >= 1) line.textContent = this.t("page.processing", { file: file.name });
      })
        .then((result) => {
          progress.value = 1;
          line.textContent = this.resultText(result);
          if (result.status === "skipped") line.className = "failed";
          void this.refresh();
        })
        .catch((error: Error) => {
          progress.remove();
          line.textContent = this.t("page.uploadFailed", { file: file.name, error: error.message });
          line.className = "failed";
        });
    }
  }

  private resultText(result: UploadResult): string {
    const params = { file: result.file, chunks: result.chunks };
    switch (result.status) {
      case "added":
        return this.t(result.chunks === 1 ? "page.upload_added_one" : "page.upload_added", params);
      case "updated":
        return this.t(result.chunks === 1 ? "page.upload_updated_one" : "page.upload_updated", params);
      case "unchanged":
        return this.t("page.upload_unchanged", params);
      default:
        return this.t("page.upload_skipped", params);
    }
  }
}
