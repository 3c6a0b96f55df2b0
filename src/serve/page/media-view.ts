/**
 * A tool's images and audio in its step: `<img>` and `<audio controls>` from `data:` URLs. The server sends
 * only raster images and common audio types (agent/tool-media.ts); the page checks the type again, so a
 * tampered event can never make it load SVG or HTML.
 */
import { el } from "./dom.js";
import type { PageText } from "./strings.js";

const ALLOWED = /^(image\/(png|jpeg|gif|webp)|audio\/(wav|x-wav|mpeg|ogg|webm|mp4))$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface MediaInfo {
  type: "image" | "audio";
  mimeType: string;
  data: string;
}

export function mediaViews(media: readonly MediaInfo[], tool: string, t: PageText): Node[] {
  const views: Node[] = [];
  for (const part of media) {
    if (!ALLOWED.test(part.mimeType) || !part.mimeType.startsWith(`${part.type}/`) || !BASE64.test(part.data))
      continue;
    const src = `data:${part.mimeType};base64,${part.data}`;
    views.push(
      part.type === "image"
        ? el("img", { class: "tool-media", src, alt: t("page.toolImage", { tool }) })
        : el("audio", {
            class: "tool-media",
            controls: true,
            src,
            "aria-label": t("page.toolAudio", { tool }),
          }),
    );
  }
  return views;
}
