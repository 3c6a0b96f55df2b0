/**
 * An evaluation scenario, one per line of a `.jsonl` file: a user message, the servers whose tools are
 * connected, and what counts as correct (the expected tool and arguments, or no tool at all, and facts the
 * answer must contain).
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { UserError } from "../util/errors.js";

/**
 * An expected argument: a literal (strings match loosely: case, accents and surrounding text ignored, so
 * `"Acme"` accepts `"ACME S.L."`), `{"$regex": "…"}` (case-insensitive), or `{"$any": true}` (present).
 */
const expectedValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.object({ $regex: z.string() }).strict(),
  z.object({ $any: z.literal(true) }).strict(),
]);

const toolExpectation = z
  .object({
    /** The tool to call; a list when several tools are equally right (`read_file` or `read_text_file`). */
    tool: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    /** Only these arguments are checked; others the model adds are allowed. */
    args: z.record(z.string(), expectedValue).optional(),
  })
  .strict();

const noToolExpectation = z.object({ noTool: z.literal(true) }).strict();

export const scenarioSchema = z
  .object({
    id: z.string().min(1),
    lang: z.enum(["es", "en"]),
    message: z.string().min(1),
    /** Names of servers: catalogues in the fixture directory, or entries of the config's `mcpServers`. */
    servers: z.array(z.string().min(1)).min(1),
    expect: z.union([toolExpectation, noToolExpectation]),
    /** Facts the final answer must contain (loose match). */
    answerContains: z.array(z.string().min(1)).optional(),
    tags: z.array(z.string()).optional(),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type ExpectedValue = z.infer<typeof expectedValue>;

/** The tools that count as correct, or undefined for a scenario that expects no tool. */
export function expectedTools(scenario: Scenario): string[] | undefined {
  if (!("tool" in scenario.expect)) return undefined;
  const tool = scenario.expect.tool;
  return typeof tool === "string" ? [tool] : tool;
}

/** Parses JSONL text; blank lines and lines starting with `//` are skipped. Errors name the line. */
export function parseScenarios(text: string, source = "scenarios"): Scenario[] {
  const scenarios: Scenario[] = [];
  const ids = new Set<string>();
  text.split("\n").forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("//")) return;
    const where = `${source}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new UserError(`${where} is not valid JSON`, { hint: "each line must be one JSON object" });
    }
    const parsed = scenarioSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserError(
        `${where}: ${issue?.path.join(".") || "scenario"} ${issue?.message ?? "is invalid"}`,
        {
          hint: "see docs/eval.md for the scenario format",
        },
      );
    }
    if (ids.has(parsed.data.id)) throw new UserError(`${where}: duplicate scenario id ${parsed.data.id}`);
    ids.add(parsed.data.id);
    scenarios.push(parsed.data);
  });
  if (scenarios.length === 0)
    throw new UserError(`${source} has no scenarios`, { hint: "add one JSON object per line" });
  return scenarios;
}

export async function loadScenarios(path: string): Promise<Scenario[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UserError(`cannot read the scenario file ${path}`, { cause: error, hint: "check the path" });
  }
  return parseScenarios(text, path);
}
