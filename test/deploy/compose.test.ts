/**
 * The Docker files, checked without a Docker engine: the real files pass, and each check catches the
 * mistake it is there for.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { composeAgenteConfig } from "../../scripts/deploy/compose-agente-config.js";
import { badInterpolations, checkCompose } from "../../scripts/deploy/compose-checks.js";
import { checkDockerfile, checkDockerignore, dockerignored } from "../../scripts/deploy/dockerfile-checks.js";
import { loadConfig } from "../../src/config/load-config.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const read = (path: string) => readFileSync(`${root}/${path}`, "utf8");
const exists = (path: string) => existsSync(`${root}/${path}`);
const composeText = read("compose.yaml");
const dockerfileText = read("Dockerfile");
const dockerignoreText = read(".dockerignore");
const inContext = (path: string) => exists(path) && !dockerignored(path, dockerignoreText);

type Compose = { services: Record<string, Record<string, unknown>>; volumes: Record<string, unknown> };

/** compose.yaml with one change applied, for the negative cases. */
function composeWith(change: (compose: Compose) => void): string {
  const compose = parse(composeText) as Compose;
  change(compose);
  return stringify(compose);
}

describe("compose.yaml", () => {
  it("passes every structural check", () => {
    expect(checkCompose(composeText, exists)).toEqual([]);
  });

  it("has the topology: agente, ollama + model pull, odoo + its database, the sample database", () => {
    // What the topology needs, not the exact list: a service added beside these does not break it.
    const compose = parse(composeText) as Compose;
    const service = (name: string) => compose.services[name] ?? {};
    const dependsOn = (name: string) => service(name).depends_on as Record<string, { condition: string }>;
    const environment = (name: string) => service(name).environment as Record<string, string>;
    const volumes = (name: string) => (service(name).volumes as string[]).map((entry) => entry.split(":")[0]);

    // agente starts once the model is pulled and Ollama, Odoo and the sample database are healthy, and
    // reaches each by its service name.
    expect(dependsOn("agente")).toMatchObject({
      ollama: { condition: "service_healthy" },
      "ollama-pull": { condition: "service_completed_successfully" },
      odoo: { condition: "service_healthy" },
      sampledb: { condition: "service_healthy" },
    });
    expect(environment("agente")).toMatchObject({
      OLLAMA_HOST: "http://ollama:11434",
      ODOO_URL: "http://odoo:8069",
      DATABASE_URL: expect.stringMatching(/@sampledb:5432\//),
    });
    expect(volumes("agente")).toContain("agente-memory");
    // The model pull talks to the Ollama service; Odoo starts on its initialised database.
    expect(dependsOn("ollama-pull")).toMatchObject({ ollama: { condition: "service_healthy" } });
    expect(environment("ollama-pull")).toMatchObject({ OLLAMA_HOST: "http://ollama:11434" });
    expect(dependsOn("odoo")).toMatchObject({
      "odoo-db": { condition: "service_healthy" },
      "odoo-init": { condition: "service_completed_successfully" },
    });
    expect(environment("odoo")).toMatchObject({ HOST: "odoo-db" });
    expect(dependsOn("odoo-init")).toMatchObject({ "odoo-db": { condition: "service_healthy" } });
    // Everything that must outlive a restart sits on a named volume the file declares.
    for (const [name, volume] of [
      ["agente", "agente-memory"],
      ["ollama", "ollama-models"],
      ["odoo", "odoo-data"],
      ["odoo-db", "odoo-db-data"],
      ["sampledb", "sampledb-data"],
    ] as const) {
      expect(volumes(name), name).toContain(volume);
      expect(Object.keys(compose.volumes)).toContain(volume);
    }
  });

  it.each([
    [
      "a service is missing",
      (compose: Compose) => delete compose.services.sampledb,
      'service "sampledb" is missing',
    ],
    [
      "a long-running service has no healthcheck",
      (compose: Compose) => delete compose.services.ollama!.healthcheck,
      'long-running service "ollama" has no healthcheck',
    ],
    [
      "agente does not wait for the model pull",
      (compose: Compose) => {
        (compose.services.agente!.depends_on as Record<string, unknown>)["ollama-pull"] = {
          condition: "service_started",
        };
      },
      "agente must depend on ollama-pull with condition service_completed_successfully",
    ],
    [
      "a one-shot restarts",
      (compose: Compose) => {
        compose.services["ollama-pull"]!.restart = "unless-stopped";
      },
      'but "ollama-pull" is not a one-shot',
    ],
    [
      "a password is a literal",
      (compose: Compose) => {
        (compose.services["odoo-db"]!.environment as Record<string, string>).POSTGRES_PASSWORD = "hunter2";
      },
      "sets POSTGRES_PASSWORD to a literal value",
    ],
    [
      "a port is published beyond loopback",
      (compose: Compose) => {
        compose.services.odoo!.ports = ["8069:8069"];
      },
      "publishes port 8069:8069 beyond loopback",
    ],
    [
      "a named volume is not declared",
      (compose: Compose) => delete compose.volumes["agente-memory"],
      'uses volume "agente-memory", which is not declared',
    ],
    [
      "the memory store is not on a volume",
      (compose: Compose) => {
        compose.services.agente!.volumes = (compose.services.agente!.volumes as string[]).filter(
          (volume) => !volume.startsWith("agente-memory"),
        );
      },
      "the memory store folder /data/memory is not on a named volume",
    ],
    [
      "agente lacks a variable",
      (compose: Compose) =>
        delete (compose.services.agente!.environment as Record<string, string>).DATABASE_URL,
      "the agente service does not set DATABASE_URL",
    ],
    [
      "the pull forgets the embedding model",
      (compose: Compose) => {
        (compose.services["ollama-pull"]!.environment as Record<string, string>).AGENTE_EMBEDDING_MODEL =
          "other";
      },
      "ollama-pull does not pull nomic-embed-text by default",
    ],
    [
      "a bind mount points at a missing file",
      (compose: Compose) => {
        (compose.services.sampledb!.volumes as string[])[1] =
          "./scripts/sample-db/nope.sql:/docker-entrypoint-initdb.d/01-schema.sql:ro";
      },
      "mounts ./scripts/sample-db/nope.sql, which does not exist",
    ],
    [
      "agente does not serve its page",
      (compose: Compose) => {
        compose.services.agente!.command = ["chat"];
        delete compose.services.agente!.ports;
      },
      "the agente service does not run `agente serve`\nthe agente service publishes no port for its page",
    ],
    [
      "the API key is a literal",
      (compose: Compose) => {
        (compose.services.agente!.environment as Record<string, string>).AGENTE_API_KEY = "abc123abc123";
      },
      "sets AGENTE_API_KEY to a literal value",
    ],
    [
      "odoo is not the official image",
      (compose: Compose) => {
        compose.services.odoo!.image = "bitnami/odoo:17";
      },
      "use the official odoo:18 or odoo:19 image",
    ],
  ])("catches it when %s", (_case, change, problem) => {
    const problems = checkCompose(composeWith(change), exists);
    expect(problems.join("\n")).toContain(problem);
  });

  it("catches a `$` compose would reject, and accepts $$, $VAR and ${VAR:-default}", () => {
    expect(badInterpolations("a $$HOME ${X:-y} $VAR ${Y-z} ${Z:?set Z}")).toEqual([]);
    expect(badInterpolations("price 5$ or ${bad name}")).toHaveLength(2);
  });

  it("does not parse when the YAML is broken", () => {
    expect(checkCompose("services: [unclosed", exists)[0]).toMatch(/not valid YAML/);
  });
});

describe("Dockerfile", () => {
  it("passes every lint-level check", () => {
    expect(checkDockerfile(dockerfileText, inContext)).toEqual([]);
  });

  it.each([
    [
      "it has a single stage",
      "FROM node:20-bookworm-slim\nRUN npm ci --omit=dev\nUSER node\n",
      "multi-stage build",
    ],
    [
      "the runtime runs as root",
      dockerfileText.replace(/^USER node$/m, "USER root"),
      "the runtime stage runs as root",
    ],
    ["the runtime has no USER", dockerfileText.replace(/^USER node$/m, ""), "it would run as root"],
    [
      "a secret is baked in",
      dockerfileText.replace(
        "ENV NODE_ENV=production",
        "ENV NODE_ENV=production GOOGLE_MAPS_API_KEY=AIza123",
      ),
      "ENV GOOGLE_MAPS_API_KEY bakes a secret",
    ],
    ["it runs npx", dockerfileText.replace('CMD ["--help"]', 'CMD ["npx", "agente"]'), "uses npx"],
    [
      "it copies a dockerignored path",
      dockerfileText.replace("COPY src ./src", "COPY src ./src\nCOPY .env ./"),
      "COPY .env: not in the build context",
    ],
    [
      "the runtime image is not the slim Node 20",
      dockerfileText.replace("ARG NODE_IMAGE=node:20-bookworm-slim", "ARG NODE_IMAGE=node:22"),
      "expected node:20-bookworm-slim",
    ],
    [
      "dev dependencies are kept",
      dockerfileText.replace("npm prune --omit=dev", "npm prune"),
      "drops the dev dependencies",
    ],
  ])("catches it when %s", (_case, text, problem) => {
    expect(checkDockerfile(text, inContext).join("\n")).toContain(problem);
  });

  it("runs as a non-root user and starts agente, not npx", () => {
    expect(dockerfileText).toMatch(/^USER node$/m);
    expect(dockerfileText).toMatch(/^ENTRYPOINT \["agente"\]$/m);
  });
});

describe(".dockerignore", () => {
  it("keeps secrets, git history and local builds out of the build context", () => {
    expect(checkDockerignore(dockerignoreText)).toEqual([]);
    expect(checkDockerignore("node_modules\n")).toEqual([
      ".dockerignore does not exclude .env",
      ".dockerignore does not exclude .git",
      ".dockerignore does not exclude dist",
    ]);
  });
});

describe("deploy/agente.json", () => {
  it("is what the starter config builder makes for the image (regenerate: npx tsx scripts/check-compose.ts --write-agente-config)", () => {
    expect(JSON.parse(read("deploy/agente.json"))).toEqual(composeAgenteConfig());
  });

  it("points at files the image has: the built servers and the community bins", () => {
    const config = JSON.parse(read("deploy/agente.json")) as {
      mcpServers: Record<string, { args: string[] }>;
    };
    for (const [name, entry] of Object.entries(config.mcpServers)) {
      const script = entry.args[0]!;
      expect(script, name).toMatch(/^\/app\//);
      const local = script.replace(/^\/app\//, "");
      // dist/ is built in the image from src/: check the source entry point exists.
      const source = local.replace(/^dist\//, "src/").replace(/\.js$/, ".ts");
      expect(exists(local) || exists(source), `${name}: ${local}`).toBe(true);
    }
  });

  it("loads with every server valid, and with compose's variables nothing is missing but the Maps key", async () => {
    const compose = parse(composeText) as Compose;
    const environment = compose.services.agente!.environment as Record<string, string>;
    const env = Object.fromEntries(
      Object.keys(environment).map((name) => [name, name === "GOOGLE_MAPS_API_KEY" ? "" : "value"]),
    );
    const loaded = await loadConfig({ path: `${root}/deploy/agente.json`, cwd: root, env });
    expect(loaded.servers.map((server) => [server.name, server.missingVariables])).toEqual([
      ["memory", []],
      ["odoo", []],
      ["filesystem", []],
      ["postgres", []],
      ["maps", ["GOOGLE_MAPS_API_KEY"]],
    ]);
  });
});
