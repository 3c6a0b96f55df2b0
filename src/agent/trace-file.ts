/**
 * `--trace FILE`: every agent event as one JSON line, appended, with a timestamp. Local only; no telemetry.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { errorMessage, SystemError } from "../util/errors.js";
import { maskSecretFields } from "../util/secret-fields.js";
import type { AgentEvent, AgentEventListener } from "./agent-events.js";

export interface TraceFileOptions {
  path: string;
  now?: () => Date;
}

/** Returns a listener that appends each event to `path`. Writes synchronously so a crash loses nothing. */
export function traceToFile(options: TraceFileOptions): AgentEventListener {
  const now = options.now ?? (() => new Date());
  try {
    mkdirSync(dirname(options.path), { recursive: true });
    appendFileSync(options.path, "");
  } catch (error) {
    throw new SystemError(`cannot write the trace file ${options.path}: ${errorMessage(error)}`, {
      hint: "pick a writable path for --trace",
    });
  }
  return (event: AgentEvent) => {
    appendFileSync(
      options.path,
      `${JSON.stringify({ time: now().toISOString(), ...(maskSecretFields(withoutMediaData(event)) as object) })}\n`,
    );
  };
}

/** A tool's images and audio are named in the trace by type and size, not copied into it. */
function withoutMediaData(event: AgentEvent): AgentEvent | object {
  if (event.type !== "observation" || event.media === undefined) return event;
  const media = event.media.map((part) => ({
    type: part.type,
    mimeType: part.mimeType,
    bytes: Math.floor((part.data.length * 3) / 4),
  }));
  return { ...event, media };
}
