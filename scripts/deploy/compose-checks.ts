/**
 * Structural checks of compose.yaml against what agente needs, for machines with no Docker engine:
 * the services of the topology, the start-up order (depends_on conditions that can be met), health
 * checks, volumes, the variables agente reads, no literal secrets, no port open beyond loopback.
 * Each check returns a list of problems, one readable sentence each; empty means fine.
 */
import { parse } from "yaml";

type Mapping = Record<string, unknown>;

/** Services agente's compose topology must have. */
export const REQUIRED_SERVICES = ["agente", "ollama", "ollama-pull", "odoo", "odoo-db", "sampledb"] as const;

/** How the agente service must wait for each dependency. */
export const AGENTE_DEPENDENCIES: Record<string, "service_healthy" | "service_completed_successfully"> = {
  ollama: "service_healthy",
  "ollama-pull": "service_completed_successfully",
  odoo: "service_healthy",
  sampledb: "service_healthy",
};

/** Variables the agente service must set (the model, memory, Odoo, PostgreSQL, Maps and config). */
export const AGENTE_VARIABLES = [
  "AGENTE_CONFIG",
  "AGENTE_MODEL",
  "OLLAMA_HOST",
  "AGENTE_EMBEDDER",
  "AGENTE_MEMORY_PATH",
  "ODOO_URL",
  "ODOO_DB",
  "ODOO_USER",
  "DATABASE_URL",
  "GOOGLE_MAPS_API_KEY",
] as const;

/** The models the one-shot pull must fetch by default. */
export const DEFAULT_MODELS = ["llama3.2:1b", "nomic-embed-text"] as const;

const SECRET_NAME = /PASSWORD|API_KEY|SECRET|TOKEN/;

function isMapping(value: unknown): value is Mapping {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `environment` as a mapping, whichever of compose's two forms (map or `KEY=value` list) is used. */
function environmentOf(service: Mapping): Record<string, string> {
  const environment = service.environment;
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const text = String(entry);
        const equals = text.indexOf("=");
        return equals === -1 ? [text, ""] : [text.slice(0, equals), text.slice(equals + 1)];
      }),
    );
  }
  if (!isMapping(environment)) return {};
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value ?? "")]));
}

/** Short-syntax volume entries as `{source, target}`. */
function volumesOf(service: Mapping): Array<{ source: string; target: string }> {
  const volumes = Array.isArray(service.volumes) ? service.volumes : [];
  return volumes.map((entry) => {
    if (isMapping(entry)) return { source: String(entry.source ?? ""), target: String(entry.target ?? "") };
    const [source = "", target = ""] = String(entry).split(":");
    return { source, target };
  });
}

/** `depends_on` as `{service: condition}` (the list form means `service_started`). */
function dependenciesOf(service: Mapping): Record<string, string> {
  const dependsOn = service.depends_on;
  if (Array.isArray(dependsOn))
    return Object.fromEntries(dependsOn.map((name) => [String(name), "service_started"]));
  if (!isMapping(dependsOn)) return {};
  return Object.fromEntries(
    Object.entries(dependsOn).map(([name, value]) => [
      name,
      isMapping(value) ? String(value.condition ?? "service_started") : "service_started",
    ]),
  );
}

const isNamedVolume = (source: string) => source !== "" && !/^[.~/$]/.test(source);

/**
 * `$` that compose would reject: not `$$`, `$VAR` or `${VAR}` / `${VAR:-default}` / `${VAR-default}` /
 * `${VAR:?message}`.
 */
export function badInterpolations(text: string): string[] {
  const bad: string[] = [];
  const pattern = /\$(\$|\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?+][^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)?/g;
  for (const match of text.matchAll(pattern)) {
    if (match[1] === undefined) bad.push(text.slice(match.index, match.index + 12));
  }
  return bad;
}

/** Every problem found in the text of a compose file. `fileExists` checks bind-mount sources. */
export function checkCompose(text: string, fileExists: (path: string) => boolean): string[] {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    return [`compose.yaml is not valid YAML: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (!isMapping(document) || !isMapping(document.services))
    return ["compose.yaml has no `services` mapping"];
  const services = document.services as Record<string, Mapping>;
  const declaredVolumes = isMapping(document.volumes) ? Object.keys(document.volumes) : [];
  const problems: string[] = [];
  for (const bad of badInterpolations(text)) problems.push(`invalid compose interpolation near "${bad}"`);

  for (const name of REQUIRED_SERVICES) {
    if (!isMapping(services[name])) problems.push(`service "${name}" is missing`);
  }

  for (const [name, service] of Object.entries(services)) {
    if (!isMapping(service)) {
      problems.push(`service "${name}" is not a mapping`);
      continue;
    }
    if (service.image === undefined && service.build === undefined) {
      problems.push(`service "${name}" has neither image nor build`);
    }
    const oneShot = service.restart === "no";
    const interactive = service.stdin_open === true;
    const healthcheck = service.healthcheck;
    if (!oneShot && !interactive) {
      if (!isMapping(healthcheck) || healthcheck.test === undefined) {
        problems.push(`long-running service "${name}" has no healthcheck`);
      }
    }
    for (const [dependency, condition] of Object.entries(dependenciesOf(service))) {
      const target = services[dependency];
      if (!isMapping(target)) {
        problems.push(`service "${name}" depends on "${dependency}", which does not exist`);
        continue;
      }
      if (condition === "service_healthy" && !isMapping(target.healthcheck)) {
        problems.push(
          `"${name}" waits for "${dependency}" to be healthy, but "${dependency}" has no healthcheck`,
        );
      }
      if (condition === "service_completed_successfully" && target.restart !== "no") {
        problems.push(
          `"${name}" waits for "${dependency}" to complete, but "${dependency}" is not a one-shot (restart: "no")`,
        );
      }
    }
    for (const [key, value] of Object.entries(environmentOf(service))) {
      if (SECRET_NAME.test(key) && value !== "" && !value.includes("${")) {
        problems.push(
          `service "${name}" sets ${key} to a literal value: take it from the environment (\${${key}})`,
        );
      }
    }
    for (const volume of volumesOf(service)) {
      if (isNamedVolume(volume.source) && !declaredVolumes.includes(volume.source)) {
        problems.push(
          `service "${name}" uses volume "${volume.source}", which is not declared under volumes:`,
        );
      }
      if (/^\.\.?\//.test(volume.source) && !volume.source.includes("$") && !fileExists(volume.source)) {
        problems.push(`service "${name}" mounts ${volume.source}, which does not exist in the repository`);
      }
    }
    const ports = Array.isArray(service.ports) ? service.ports.map(String) : [];
    for (const port of ports) {
      if (!port.startsWith("127.0.0.1:")) {
        problems.push(`service "${name}" publishes port ${port} beyond loopback: bind it to 127.0.0.1`);
      }
    }
  }

  const agente = services.agente;
  if (isMapping(agente)) problems.push(...checkAgenteService(agente, fileExists));
  const pull = services["ollama-pull"];
  if (isMapping(pull)) {
    const pulled = JSON.stringify([pull.command, pull.entrypoint, environmentOf(pull)]);
    for (const model of DEFAULT_MODELS) {
      if (!pulled.includes(model)) problems.push(`ollama-pull does not pull ${model} by default`);
    }
  }
  const ollama = services.ollama;
  if (
    isMapping(ollama) &&
    !volumesOf(ollama).some((volume) => isNamedVolume(volume.source) && volume.target === "/root/.ollama")
  ) {
    problems.push("ollama keeps its models in no named volume (mount one at /root/.ollama)");
  }
  const odoo = services.odoo;
  if (isMapping(odoo) && !/^odoo:(18|19)(\.|$)/.test(String(odoo.image ?? ""))) {
    problems.push(`odoo runs ${String(odoo.image)}: use the official odoo:18 or odoo:19 image`);
  }
  const sampledb = services.sampledb;
  if (isMapping(sampledb)) {
    const init = volumesOf(sampledb)
      .filter((volume) => volume.target.startsWith("/docker-entrypoint-initdb.d/"))
      .sort((left, right) => left.target.localeCompare(right.target))
      .map((volume) => volume.source.replace(/^\.\//, ""));
    const expected = ["scripts/sample-db/schema.sql", "scripts/sample-db/seed.sql"];
    if (JSON.stringify(init.slice(0, 2)) !== JSON.stringify(expected)) {
      problems.push(
        `sampledb must load ${expected.join(" then ")} first; it loads ${init.join(", ") || "nothing"}`,
      );
    }
  }
  return problems;
}

function checkAgenteService(agente: Mapping, fileExists: (path: string) => boolean): string[] {
  const problems: string[] = [];
  const environment = environmentOf(agente);
  for (const name of AGENTE_VARIABLES) {
    if (!(name in environment)) problems.push(`the agente service does not set ${name}`);
  }
  if (!("ODOO_PASSWORD" in environment) && !("ODOO_API_KEY" in environment)) {
    problems.push("the agente service sets neither ODOO_PASSWORD nor ODOO_API_KEY");
  }
  const dependencies = dependenciesOf(agente);
  for (const [service, condition] of Object.entries(AGENTE_DEPENDENCIES)) {
    if (dependencies[service] !== condition) {
      problems.push(
        `agente must depend on ${service} with condition ${condition} (has ${dependencies[service] ?? "none"})`,
      );
    }
  }
  const volumes = volumesOf(agente);
  const memoryFolder = (environment.AGENTE_MEMORY_PATH ?? "").replace(/\/[^/]*$/, "");
  if (!volumes.some((volume) => isNamedVolume(volume.source) && volume.target === memoryFolder)) {
    problems.push(
      `the memory store folder ${memoryFolder || "(AGENTE_MEMORY_PATH unset)"} is not on a named volume`,
    );
  }
  const command = Array.isArray(agente.command) ? agente.command.map(String) : [];
  if (command[0] !== "serve") problems.push("the agente service does not run `agente serve`");
  const ports = Array.isArray(agente.ports) ? agente.ports.map(String) : [];
  if (!ports.some((port) => port.endsWith(":8080")))
    problems.push("the agente service publishes no port for its page");
  if (!isMapping(agente.healthcheck)) problems.push("the agente service has no healthcheck on /health");
  if (!(environment.AGENTE_API_KEY ?? "").includes("${AGENTE_API_KEY"))
    problems.push("the agente service does not take AGENTE_API_KEY from the environment");
  const configMount = volumes.find((volume) => volume.target === environment.AGENTE_CONFIG);
  if (configMount === undefined) {
    problems.push(`nothing is mounted at AGENTE_CONFIG (${environment.AGENTE_CONFIG ?? "unset"})`);
  } else if (!fileExists(configMount.source)) {
    problems.push(`the agente config ${configMount.source} does not exist`);
  }
  return problems;
}
