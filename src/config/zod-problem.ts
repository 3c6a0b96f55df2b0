/**
 * One zod issue as catalogue text, so a bad value in the config reads in the user's language. The
 * custom messages our schemas set and the common issue kinds are translated; anything else keeps zod's
 * English message.
 */
import type { z } from "zod";
import { type LocalisedText, localised } from "../i18n/localised.js";
import { closestWord } from "../util/closest-word.js";

/** The custom messages our schemas give zod, by their English text. */
const CUSTOM: Readonly<Record<string, LocalisedText>> = {
  "must not be empty": localised("errorsConfig.mustNotBeEmpty"),
  "must be an http(s) URL": localised("errorsConfig.mustBeUrl"),
  "not a URL (expected e.g. http://localhost:11434)": localised("errorsConfig.notUrl"),
  "expected an http(s) address of a GGUF file": localised("errorsConfig.notGgufUrl"),
  "expected 64 hexadecimal digits": localised("errorsConfig.notSha256"),
  'grant "jwt_bearer" needs assertion or assertionFile': localised("errorsConfig.oauthNeedsAssertion"),
  'needed by grant "enterprise_managed"': localised("errorsConfig.oauthNeededByEnterprise"),
  'grant "enterprise_managed" needs idpTokenEndpoint or idpUrl': localised("errorsConfig.oauthNeedsIdp"),
};

export function zodProblem(issue: z.core.$ZodIssue | undefined, received?: unknown): LocalisedText {
  if (issue === undefined) return localised("errors.plain", { text: "invalid value" });
  const custom = CUSTOM[issue.message];
  if (custom !== undefined) return custom;
  // zod's own English wording gets a Spanish twin; a schema's custom message is kept as it was written.
  const wrongType = /^Invalid input: expected (\S+), received (\S+)$/.exec(issue.message);
  if (wrongType !== null)
    return localised("errorsConfig.wrongType", { type: wrongType[1] ?? "", received: wrongType[2] ?? "" });
  const bound = /^Too (small|big): expected (\w+) to be (\S+)$/.exec(issue.message);
  if (bound !== null)
    return localised(bound[1] === "small" ? "errorsConfig.tooSmall" : "errorsConfig.tooBig", {
      type: bound[2] ?? "",
      bound: bound[3] ?? "",
    });
  if (issue.code === "invalid_value" && /^Invalid option/.test(issue.message)) {
    const values = issue.values.map((value) => JSON.stringify(value)).join("|");
    // `"olama"`: the option meant, when one is close enough.
    const text = typeof received === "string" ? received : undefined;
    const meant =
      text !== undefined
        ? closestWord(
            text,
            issue.values.filter((value): value is string => typeof value === "string"),
          )
        : undefined;
    return meant === undefined || text === undefined
      ? localised("errorsConfig.notOneOf", { values })
      : localised("errorsConfig.notOneOfMeant", { received: text, meant, values });
  }
  return localised("errors.plain", { text: issue.message.charAt(0).toLowerCase() + issue.message.slice(1) });
}
