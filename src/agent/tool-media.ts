/**
 * Images and audio a tool returned (MCP `image` and `audio` content), for a person to see or hear: the web
 * chat shows them in the tool's step. The model never reads them (a 1B–3B model takes text only). Only
 * raster images and common audio types pass (never SVG, which could carry script), at most four parts of at
 * most 2 MB of base64 each; larger ones are left out.
 */
import type { ToolResult } from "../mcp/tool-hub.js";

export interface ToolMedia {
  type: "image" | "audio";
  mimeType: string;
  /** Base64, as the server sent it. */
  data: string;
}

export const MEDIA_TYPES: Readonly<Record<ToolMedia["type"], readonly string[]>> = {
  image: ["image/png", "image/jpeg", "image/gif", "image/webp"],
  audio: ["audio/wav", "audio/x-wav", "audio/mpeg", "audio/ogg", "audio/webm", "audio/mp4"],
};

const MAX_PARTS = 4;
const MAX_BASE64_CHARS = 2_000_000;

export function toolMedia(result: ToolResult): ToolMedia[] {
  const media: ToolMedia[] = [];
  for (const part of result.content ?? []) {
    if (media.length === MAX_PARTS) break;
    if (part.type !== "image" && part.type !== "audio") continue;
    const mimeType = part.mimeType.toLowerCase();
    if (!MEDIA_TYPES[part.type].includes(mimeType) || part.data.length > MAX_BASE64_CHARS) continue;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(part.data)) continue;
    media.push({ type: part.type, mimeType, data: part.data });
  }
  return media;
}
