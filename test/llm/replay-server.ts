/**
 * Wire fixtures for the provider tests (`test/fixtures/llm/`), replayed by the testing kit's loopback
 * server.
 */
import { readFileSync } from "node:fs";

export {
  closedPortUrl,
  type RecordedRequest,
  type ReplayServer,
  startReplayServer,
} from "../../src/testing/replay-server.js";

const fixtureDirectory = new URL("../fixtures/llm/", import.meta.url);

export function fixture(name: string): string {
  return readFileSync(new URL(name, fixtureDirectory), "utf8");
}

/** The lines of an NDJSON fixture. */
export function fixtureLines(name: string): string[] {
  return fixture(name)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => `${line}\n`);
}

/** The events of a server-sent-events fixture, each ending in its blank line. */
export function fixtureEvents(name: string): string[] {
  return fixture(name)
    .split("\n\n")
    .filter((event) => event.trim() !== "")
    .map((event) => `${event}\n\n`);
}
