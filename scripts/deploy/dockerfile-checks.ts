/**
 * Lint-level checks of the Dockerfile, for machines with no Docker engine: a multi-stage build whose
 * final stage is the slim Node 20 image, runs as a non-root user, copies its files from the build stage,
 * bakes in no secrets and never reaches for npx; plus `.dockerignore` keeping secrets and local builds
 * out of the build context.
 */

export interface Instruction {
  keyword: string;
  argument: string;
  line: number;
}

/** Instructions with line continuations joined and comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const first = lines[index]!.trim();
    if (first === "" || first.startsWith("#")) continue;
    const line = index + 1;
    let joined = first;
    while (joined.endsWith("\\") && index + 1 < lines.length) {
      index++;
      const next = lines[index]!.trim();
      joined = `${joined.slice(0, -1).trimEnd()} ${next.startsWith("#") ? "" : next}`.trimEnd();
    }
    const space = joined.search(/\s/);
    const keyword = (space === -1 ? joined : joined.slice(0, space)).toUpperCase();
    instructions.push({ keyword, argument: space === -1 ? "" : joined.slice(space + 1).trim(), line });
  }
  return instructions;
}

export const RUNTIME_IMAGE = "node:20-bookworm-slim";
const SECRET_NAME = /PASSWORD|API_KEY|SECRET|TOKEN/i;

/** Every problem found in a Dockerfile. `contextHas(path)`: the path exists and is not dockerignored. */
export function checkDockerfile(text: string, contextHas: (path: string) => boolean): string[] {
  const instructions = parseDockerfile(text);
  const problems: string[] = [];
  const globalArguments = new Map<string, string>();
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") break;
    if (instruction.keyword === "ARG") {
      const [name = "", value = ""] = instruction.argument.split("=");
      globalArguments.set(name, value);
    }
  }
  const expand = (value: string) =>
    value.replace(
      /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g,
      (match, name: string) => globalArguments.get(name) ?? match,
    );

  const stages: Array<{ name: string | undefined; image: string; instructions: Instruction[] }> = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const [image = "", as, name] = instruction.argument.split(/\s+/);
      stages.push({
        name: as?.toUpperCase() === "AS" ? name : undefined,
        image: expand(image),
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  if (stages.length < 2) problems.push(`expected a multi-stage build, found ${stages.length} stage(s)`);
  const final = stages.at(-1);
  if (final === undefined) return [...problems, "no FROM instruction"];
  if (final.image !== RUNTIME_IMAGE)
    problems.push(`the runtime stage runs ${final.image}, expected ${RUNTIME_IMAGE}`);
  for (const stage of stages.slice(0, -1)) {
    if (stage.name === undefined) problems.push(`the stage FROM ${stage.image} has no name (FROM … AS name)`);
  }

  const users = final.instructions.filter((instruction) => instruction.keyword === "USER");
  const user = users.at(-1)?.argument.split(":")[0];
  if (user === undefined) problems.push("the runtime stage has no USER: it would run as root");
  else if (user === "root" || user === "0") problems.push(`the runtime stage runs as ${user}`);

  const finalCopies = final.instructions.filter((instruction) => instruction.keyword === "COPY");
  if (!finalCopies.some((copy) => copy.argument.includes("--from="))) {
    problems.push("the runtime stage copies nothing from the build stage");
  }
  for (const copy of finalCopies) {
    if (!copy.argument.includes("--from=") && /(^|\s)\.\s/.test(`${copy.argument} `)) {
      problems.push(`line ${copy.line}: the runtime stage copies the whole build context`);
    }
  }
  const buildText = stages
    .slice(0, -1)
    .flatMap((stage) => stage.instructions)
    .map((instruction) => instruction.argument)
    .join("\n");
  if (!/npm ci\b/.test(buildText))
    problems.push("the build stage does not install with `npm ci` (the lock file)");
  if (!/--omit=dev/.test(buildText)) problems.push("no stage drops the dev dependencies (--omit=dev)");

  for (const instruction of instructions) {
    if (instruction.keyword === "ENV" || instruction.keyword === "ARG") {
      for (const [name, value] of assignments(instruction.argument)) {
        if (SECRET_NAME.test(name) && value !== "") {
          problems.push(
            `line ${instruction.line}: ${instruction.keyword} ${name} bakes a secret into the image`,
          );
        }
      }
    }
    if (["CMD", "ENTRYPOINT", "RUN"].includes(instruction.keyword) && /\bnpx\b/.test(instruction.argument)) {
      problems.push(`line ${instruction.line}: ${instruction.keyword} uses npx (downloads at run time)`);
    }
    if (instruction.keyword === "COPY" && !instruction.argument.includes("--from=")) {
      const sources = instruction.argument
        .split(/\s+/)
        .filter((part) => !part.startsWith("--"))
        .slice(0, -1);
      for (const source of sources) {
        if (source !== "." && !contextHas(source)) {
          problems.push(
            `line ${instruction.line}: COPY ${source}: not in the build context (missing or dockerignored)`,
          );
        }
      }
    }
  }
  return problems;
}

/** `A=1 B="two words"` and the legacy `A value` form. */
function assignments(argument: string): Array<[string, string]> {
  if (!argument.includes("=")) {
    const [name = "", ...rest] = argument.split(/\s+/);
    return [[name, rest.join(" ")]];
  }
  return [...argument.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)].map(
    (match) => [match[1]!, match[2]!.replace(/^"|"$/g, "")] as [string, string],
  );
}

/** Paths `.dockerignore` must keep out of the build context. */
export const MUST_IGNORE = [".env", "node_modules", ".git", "dist"] as const;

export function checkDockerignore(text: string): string[] {
  const patterns = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  return MUST_IGNORE.filter((path) => !patterns.includes(path) && !patterns.includes(`/${path}`)).map(
    (path) => `.dockerignore does not exclude ${path}`,
  );
}

/** True when `path` (relative to the context root) is excluded by one of the simple patterns. */
export function dockerignored(path: string, dockerignoreText: string): boolean {
  const first = path.replace(/^\.\//, "").split("/")[0] ?? "";
  return dockerignoreText
    .split("\n")
    .map((line) => line.trim().replace(/^\//, ""))
    .filter((line) => line !== "" && !line.startsWith("#") && !line.startsWith("!"))
    .some((pattern) => pattern === first || pattern === path.replace(/^\.\//, ""));
}
