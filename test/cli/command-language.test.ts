/**
 * Every command's help and a few of its output lines in the language the user chose: no English section
 * word under Spanish, no Spanish one under English (issue 11, "the user's language"). Help and usage errors
 * run the CLI in this process (what it prints is the point, not the process), and so do the commands'
 * output lines, but for `tools call` on a server and `doctor`, which run the real `./bin/agente`.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureEntry } from "../support/fixture-servers.js";
import { runCli } from "../support/run-cli.js";
import { runCliInProcess } from "../support/run-cli-in-process.js";

const base = { PATH: process.env.PATH ?? "", HOME: "/nonexistent-home", NO_COLOR: "1" };
const spanish = { ...base, LANG: "es_ES.UTF-8" };
const english = { ...base, LANG: "en_US.UTF-8" };

/** Each command's help and the heading its own examples or notes start with, in Spanish. */
const HELP: Array<[args: string[], heading: string]> = [
  [["chat"], "Ejemplos:"],
  [["ask"], "Código de salida:"],
  [["ingest"], "Ejemplos:"],
  [["memory"], "Ejemplos:"],
  [["memory", "stats"], "Opciones:"],
  [["memory", "list"], "Opciones:"],
  [["memory", "search"], "Opciones:"],
  [["memory", "forget"], "Opciones:"],
  [["memory", "reindex"], "Opciones:"],
  [["servers"], "Código de salida:"],
  [["tools", "list"], "Ejemplos:"],
  [["tools", "call"], "Código de salida:"],
  [["resources", "list"], "Ejemplos:"],
  [["resources", "read"], "Ejemplos:"],
  [["prompts", "list"], "Ejemplos:"],
  [["prompts", "get"], "Ejemplos:"],
  [["doctor"], "Código de salida:"],
  [["init"], "Qué servidores quedan activados"],
  [["eval"], "Ejemplos:"],
  [["models"], "Ejemplos:"],
  [["models", "pull"], "Argumentos:"],
  [["serve"], "Entorno:"],
  [["mcp"], "Ejemplo de configuración del cliente"],
];

const ENGLISH_WORDS = /^(Usage|Options|Arguments|Examples|Commands|Exit code|Environment):/m;
const SPANISH_WORDS = /^(Uso|Opciones|Argumentos|Ejemplos|Comandos|Código de salida|Entorno):/m;

describe("each command's --help in the user's language", () => {
  it.each(HELP)("agente %j --help", async (args, heading) => {
    const [es, en] = await Promise.all([
      runCliInProcess([...args, "--help"], { env: spanish }),
      runCliInProcess([...args, "--help"], { env: english }),
    ]);
    expect(es.code).toBe(0);
    expect(es.stdout).toMatch(new RegExp(`^Uso: agente ${args.join(" ")} `));
    expect(es.stdout).toContain(heading);
    expect(es.stdout).not.toMatch(ENGLISH_WORDS);
    expect(es.stdout).not.toMatch(/\((choices|default): |\[options\]|\[command\]/);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(new RegExp(`^Usage: agente ${args.join(" ")} `));
    expect(en.stdout).not.toMatch(SPANISH_WORDS);
  });

  it("translates Commander's notes on choices and defaults", async () => {
    const es = await runCliInProcess(["memory", "search", "--help"], { env: spanish });
    expect(es.stdout).toMatch(
      /cómo ordenar los fragmentos \(valores: "hybrid",\s+"lexical", "vector", por\s+defecto: "hybrid"\)/,
    );
    const en = await runCliInProcess(["memory", "search", "--help"], { env: english });
    expect(en.stdout).toMatch(
      /how to rank passages \(choices: "hybrid", "lexical",\s+"vector", default: "hybrid"\)/,
    );
  });
});

describe("Commander's errors in the user's language", () => {
  const cases: Array<[args: string[], es: string, en: string]> = [
    [["tools", "list", "--bogus"], "error: opción desconocida '--bogus'", "error: unknown option '--bogus'"],
    [
      ["memory", "forget"],
      "error: falta el argumento obligatorio 'target'",
      "error: missing required argument 'target'",
    ],
    [
      ["servers", "uno", "dos"],
      "error: demasiados argumentos para 'servers'. Se esperaban 0 y se recibieron 2.",
      "error: too many arguments for 'servers'. Expected 0 arguments but got 2.",
    ],
    [
      ["memory", "search", "x", "--mode", "foo"],
      "error: el valor 'foo' de la opción '--mode <mode>' no es válido. Los valores permitidos son hybrid, lexical, vector.",
      "error: option '--mode <mode>' argument 'foo' is invalid. Allowed choices are hybrid, lexical, vector.",
    ],
    [["memory", "lista"], "(¿Querías decir list?)", "(Did you mean list?)"],
    [
      ["memory", "list", "--limit"],
      "error: falta el valor de la opción '--limit <n>'",
      "error: option '--limit <n>' argument missing",
    ],
  ];
  it.each(cases)("agente %j", async (args, inSpanish, inEnglish) => {
    const [es, en] = await Promise.all([
      runCliInProcess(args, { env: spanish }),
      runCliInProcess(args, { env: english }),
    ]);
    expect(es.code).toBe(2);
    expect(es.stderr).toContain(inSpanish);
    expect(es.stderr).toContain("(ejecuta con --help para ver el uso)");
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(inEnglish);
  });
});

describe("the command line's own usage errors in the user's language", () => {
  const cases: Array<[args: string[], es: string, en: string]> = [
    [
      ["memory", "list", "--limit", "0"],
      'error: --limit debe ser un número entero positivo, no "0"\n  pasa un número como 5',
      'error: --limit must be a positive whole number, not "0"\n  pass a number like 5',
    ],
    [
      ["tools", "call", "x", "--args", "[1"],
      "error: --args no es JSON válido: [1\n  ponlo entre comillas para la shell",
      "error: --args is not valid JSON: [1\n  quote it for the shell",
    ],
    [
      ["ingest", ".", "--chunk-size", "10", "--chunk-overlap", "10"],
      "error: --chunk-overlap debe ser menor que --chunk-size",
      "error: --chunk-overlap must be smaller than --chunk-size",
    ],
  ];
  it.each(cases)("agente %j", async (args, inSpanish, inEnglish) => {
    const [es, en] = await Promise.all([
      runCliInProcess(args, { env: spanish }),
      runCliInProcess(args, { env: english }),
    ]);
    expect(es.code).toBe(1);
    expect(es.stderr).toContain(inSpanish);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain(inEnglish);
  });
});

describe("the commands' output in the user's language", () => {
  let folder: string;
  let config: string;
  const env = (language: "es" | "en") => ({
    ...base,
    AGENTE_LANG: language,
    AGENTE_MEMORY_PATH: join(folder, `memoria-${language}.db`),
    XDG_CACHE_HOME: join(folder, "cache"),
  });

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "agente-language-"));
    config = join(folder, "agente.json");
    await writeFile(config, `${JSON.stringify({ mcpServers: {} })}\n`);
    await mkdir(join(folder, "docs"));
    await writeFile(join(folder, "docs", "tarifas.txt"), "Tarifa de mantenimiento: 120 euros al mes.\n");
    await writeFile(join(folder, "docs", "imagen.txt"), Buffer.from([0, 1, 2, 3, 0, 255, 0, 7, 0, 0, 9]));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("tools, resources and prompts with no server", async () => {
    for (const [language, tools, resources, prompts] of [
      ["es", "no hay herramientas", "ningún servidor ofrece recursos", "ningún servidor ofrece plantillas"],
      ["en", "no tools: run `agente servers`", "no server offers resources", "no server offers prompts"],
    ] as const) {
      const runs = await Promise.all(
        [
          ["tools", "list"],
          ["resources", "list"],
          ["prompts", "list"],
        ].map((args) => runCliInProcess(["--config", config, ...args], { env: env(language) })),
      );
      expect(runs.map((run) => run.stdout.trim())).toEqual([
        expect.stringContaining(tools),
        resources,
        prompts,
      ]);
    }
  });

  it("servers: the config line and each server's state", async () => {
    const file = join(folder, "apagado.json");
    await writeFile(
      file,
      `${JSON.stringify({ mcpServers: { apagado: { command: "node", disabled: true } } })}\n`,
    );
    const es = await runCliInProcess(["--config", file, "servers"], { env: env("es") });
    expect(es.stdout).toBe(
      `configuración: ${file}\n○ apagado  desactivado  stdio  desactivado en la configuración\n`,
    );
    const en = await runCliInProcess(["--config", file, "servers"], { env: env("en") });
    expect(en.stdout).toBe(`config: ${file}\n○ apagado  disabled  stdio  disabled in the config\n`);
  });

  it("tools list and tools call with a server", async () => {
    const file = join(folder, "alpha.json");
    await writeFile(file, `${JSON.stringify({ mcpServers: { alpha: fixtureEntry("alpha") } })}\n`);
    const [es, en] = await Promise.all(
      (["es", "en"] as const).map((language) =>
        runCli(["--config", file, "tools", "call", "fail", "--args", "{}"], { env: env(language) }),
      ),
    );
    expect(es?.stderr).toContain("error de la herramienta:\nfailed: as asked");
    expect(en?.stderr).toContain("tool error:\nfailed: as asked");
    const servers = await runCli(["--config", file, "servers"], { env: env("es") });
    expect(servers.stdout).toMatch(
      /^● alpha {2}activo {2}stdio {2}\d+ herramientas \(fixture-alpha 1\.0\.0\)$/m,
    );
  });

  it("doctor: its findings, and --json stays English", async () => {
    const args = ["--config", config, "doctor", "--provider", "ollama", "--base-url", "http://127.0.0.1:9"];
    const es = await runCli(args, { env: env("es") });
    expect(es.code).toBe(1);
    expect(es.stdout).toContain(`ok       configuración: ${config}`);
    expect(es.stdout).toMatch(/^ARREGLA {2}modelo: /m);
    expect(es.stdout).toContain("ningún servidor ofrece recuperar_contexto");
    expect(es.stdout).not.toMatch(/^(ok {3}|FIX {2})\w/m);
    const en = await runCli(args, { env: env("en") });
    expect(en.stdout).toContain(`ok   config: ${config}`);
    expect(en.stdout).toMatch(/^FIX {2}model: /m);
    const json = await runCli([...args, "--json"], { env: env("es") });
    const findings = JSON.parse(json.stdout) as { findings: Array<{ subject: string }> };
    expect(findings.findings.map((finding) => finding.subject)).toContain("config");
  });

  it("ingest and memory: summary, skipped files, stats, list, search, forget", async () => {
    for (const language of ["es", "en"] as const) {
      const run = (args: string[]) =>
        runCliInProcess(["--config", config, ...args], { env: env(language), cwd: folder });
      const ingest = await run(["ingest", join(folder, "docs")]);
      const stats = await run(["memory", "stats"]);
      const list = await run(["memory", "list"]);
      const search = await run(["memory", "search", "tarifa", "--mode", "lexical"]);
      const forget = await run(["memory", "forget", join(folder, "no-existe.txt")]);
      if (language === "es") {
        expect(ingest.stdout).toMatch(
          /^guardado en "default": 1 añadidos, 0 actualizados, 0 sin cambios, 1 omitidos \(1 binarios, 0 ignorados\); 1 fragmentos en/,
        );
        expect(ingest.stdout).toContain(`  omitido: ${join(folder, "docs", "imagen.txt")}: `);
        expect(stats.stdout).toMatch(/^almacén: {5}/);
        expect(stats.stdout).toMatch(/^documentos: {2}1 {3}fragmentos: 1$/m);
        expect(list.stdout).toContain("(1 fragmentos)");
        expect(search.stdout).toMatch(/^\[1\] .*tarifas\.txt #0 {2}puntuación /);
        expect(forget.stderr).toContain("nada coincide con");
      } else {
        expect(ingest.stdout).toMatch(
          /^ingested into "default": 1 added, 0 updated, 0 unchanged, 1 skipped \(1 binary, 0 ignored\); 1 passages in/,
        );
        expect(ingest.stdout).toContain(`  skipped: ${join(folder, "docs", "imagen.txt")}: `);
        expect(stats.stdout).toMatch(/^store: {5}/);
        expect(stats.stdout).toMatch(/^documents: 1 {3}passages: 1$/m);
        expect(list.stdout).toContain("(1 passages)");
        expect(search.stdout).toMatch(/^\[1\] .*tarifas\.txt #0 {2}score /);
        expect(forget.stderr).toContain("nothing matches");
      }
    }
  });

  it("init: what it wrote and what comes next", async () => {
    for (const [language, wrote, next] of [
      ["es", "se escribió ", "siguiente paso: `agente servers`"],
      ["en", "wrote ", "next: `agente servers`"],
    ] as const) {
      const cwd = await mkdtemp(join(folder, `init-${language}-`));
      const run = await runCliInProcess(["init"], { env: env(language), cwd });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`${wrote}${join(cwd, "agente.json")}`);
      expect(run.stdout).toContain(next);
      expect(run.stdout).toMatch(
        language === "es" ? /^ {2}memory {6}activado {3}/m : /^ {2}memory {6}enabled {3}/m,
      );
    }
  });
});
