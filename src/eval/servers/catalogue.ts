/**
 * A tool catalogue: the JSON file an evaluation fixture server is built from (`eval/servers/*.json`). Each
 * tool has the name, description, input schema and annotations a real MCP server would declare, plus one
 * canned result in which `{{argument}}` is replaced by the argument the model passed.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { UserError } from "../../util/errors.js";

const catalogueTool = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "must match [a-zA-Z0-9_-]{1,64}"),
    title: z.string().optional(),
    description: z.string(),
    inputSchema: z.looseObject({ type: z.literal("object") }),
    annotations: z
      .object({
        readOnlyHint: z.boolean().optional(),
        destructiveHint: z.boolean().optional(),
        idempotentHint: z.boolean().optional(),
        openWorldHint: z.boolean().optional(),
      })
      .optional(),
    result: z.unknown(),
  })
  .strict();

export const catalogueSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    tools: z.array(catalogueTool).min(1),
  })
  .strict();

export type Catalogue = z.infer<typeof catalogueSchema>;
export type CatalogueTool = z.infer<typeof catalogueTool>;

export async function loadCatalogue(path: string): Promise<Catalogue> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UserError(`cannot read the tool catalogue ${path}`, { cause: error, hint: "check the path" });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`the tool catalogue ${path} is not valid JSON`, {
      cause: error,
      hint: "fix the file",
    });
  }
  const parsed = catalogueSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(
      `the tool catalogue ${path} is invalid at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
      {
        hint: "see docs/eval.md for the catalogue format",
      },
    );
  }
  const names = new Set<string>();
  for (const tool of parsed.data.tools) {
    if (names.has(tool.name))
      throw new UserError(`the tool catalogue ${path} has two tools named ${tool.name}`, {
        hint: "rename one",
      });
    names.add(tool.name);
  }
  return parsed.data;
}

/** The canned result with every `{{name}}` replaced by that argument (as text; missing ones by an empty string). */
export function fillTemplate(value: unknown, args: Record<string, unknown>): unknown {
  if (typeof value === "string")
    return value.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
      const argument = args[name];
      if (argument === undefined || argument === null) return "";
      return typeof argument === "string" ? argument : JSON.stringify(argument);
    });
  if (Array.isArray(value)) return value.map((entry) => fillTemplate(entry, args));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fillTemplate(entry, args)]));
  return value;
}
