/**
 * `expected-failures.yaml`: the scenarios agente is known to fail, per requirement set and per target
 * (client, server-direct, server-gateway), each with the reason beside it. A run fails on a scenario that
 * fails outside the list (a regression) and on a listed one that passes (the list must shrink).
 */
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { z } from "zod";
import type { Verdict } from "./suite.js";

export const TARGETS = ["client", "server-direct", "server-gateway"] as const;
export type Target = (typeof TARGETS)[number];

const reasonsSchema = z.record(z.string(), z.string().trim().min(1, "needs a reason beside it"));
const fileSchema = z.record(z.string(), z.partialRecord(z.enum(TARGETS), reasonsSchema.nullable()));
export type ExpectedFailures = z.infer<typeof fileSchema>;

export async function loadExpectedFailures(path: string): Promise<ExpectedFailures> {
  const parsed = fileSchema.safeParse(parse(await readFile(path, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}

export interface Judgement {
  passed: number;
  total: number;
  /** Failing, not listed: a regression. */
  unexpected: Verdict[];
  /** Listed, but passing: remove the entry. */
  stale: string[];
  /** Listed, but not a scored scenario of the set: a typo or a renamed scenario. */
  unknown: string[];
}

export function judge(verdicts: Verdict[], expected: Record<string, string> | null | undefined): Judgement {
  const listed = expected ?? {};
  const names = new Set(verdicts.map((verdict) => verdict.scenario));
  return {
    passed: verdicts.filter((verdict) => verdict.passed).length,
    total: verdicts.length,
    unexpected: verdicts.filter((verdict) => !verdict.passed && listed[verdict.scenario] === undefined),
    stale: verdicts
      .filter((verdict) => verdict.passed && listed[verdict.scenario] !== undefined)
      .map((v) => v.scenario),
    unknown: Object.keys(listed).filter((scenario) => !names.has(scenario)),
  };
}
