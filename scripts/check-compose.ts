/**
 * Checks the Docker files without a Docker engine: compose.yaml's structure, the Dockerfile at lint
 * level, .dockerignore, and that deploy/agente.json is what the starter config builder makes.
 *
 *   npx tsx scripts/check-compose.ts                       exit 0 when all is well, 1 with the problems
 *   npx tsx scripts/check-compose.ts --write-agente-config  regenerate deploy/agente.json
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { composeAgenteConfig, composeAgenteConfigText } from "./deploy/compose-agente-config.js";
import { checkCompose } from "./deploy/compose-checks.js";
import { checkDockerfile, checkDockerignore, dockerignored } from "./deploy/dockerfile-checks.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const read = (path: string) => readFileSync(`${root}/${path}`, "utf8");
const exists = (path: string) => existsSync(`${root}/${path}`);

if (process.argv.includes("--write-agente-config")) {
  writeFileSync(`${root}/deploy/agente.json`, composeAgenteConfigText());
  process.stdout.write("wrote deploy/agente.json (format it: npx biome format --write deploy/agente.json)\n");
} else {
  const dockerignore = read(".dockerignore");
  const problems = [
    ...checkCompose(read("compose.yaml"), exists).map((problem) => `compose.yaml: ${problem}`),
    ...checkDockerfile(read("Dockerfile"), (path) => exists(path) && !dockerignored(path, dockerignore)).map(
      (problem) => `Dockerfile: ${problem}`,
    ),
    ...checkDockerignore(dockerignore),
    ...(exists("deploy/agente.json") &&
    isDeepStrictEqual(JSON.parse(read("deploy/agente.json")), composeAgenteConfig())
      ? []
      : ["deploy/agente.json is stale: run npx tsx scripts/check-compose.ts --write-agente-config"]),
  ];
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.stdout.write(problems.length === 0 ? "Docker files: all checks pass\n" : "");
  process.exitCode = problems.length === 0 ? 0 : 1;
}
