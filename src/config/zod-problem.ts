/**
 * One zod issue as catalogue text, so a bad value in the config reads in the user's language. The
 * custom messages our schemas set and the common issue kinds are translated; anything else keeps zod's
 * English message.
 */
import type { z } from "zod";
import { type LocalisedText, localised } from "../i18n/localised.js";

/** The custom messages our schemas give zod, by their English text. */
const CUSTOM: Readonly<Record<string, LocalisedText>> = {
  "must not be empty": localised("errorsConfig.mustNotBeEmpty"),
  "must be an http(s) URL": localised("errorsConfig.mustBeUrl"),
};

export function zodProblem(issue: z.core.$ZodIssue | undefined): LocalisedText {
  if (issue === undefined) return localised("errors.plain", { text: "invalid value" });
  const custom = CUSTOM[issue.message];
  if (custom !== undefined) return custom;
  // zod's own English wording gets a Spanish twin; a schema's custom message is kept as it was written.
  const wrongType = /^Invalid input: expected (\S+), received (\S+)$/.exec(issue.message);
  if (wrongType !== null)
    return localised("errorsConfig.wrongType", { type: wrongType[1] ?? "", received: wrongType[2] ?? "" });
  if (issue.code === "invalid_value" && /^Invalid option/.test(issue.message))
    return localised("errorsConfig.notOneOf", {
      values: issue.values.map((value) => JSON.stringify(value)).join("|"),
    });
  return localised("errors.plain", { text: issue.message.charAt(0).toLowerCase() + issue.message.slice(1) });
}
