/** The model download against a real HTTP server on loopback, serving the repository's tiny GGUF. */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/translator.js";
import { downloadModel } from "../../src/models/download-model.js";
import { createDownloadProgress } from "../../src/models/download-progress.js";
import { sourceFromUrl } from "../../src/models/known-models.js";
import { SystemError, UserError } from "../../src/util/errors.js";
import { TINY_GGUF } from "../support/fixture-files.js";
import { closedPort, type ModelFileServer, startModelFileServer } from "../support/model-file-server.js";

const TINY_SHA256 = "81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb";
const TINY_BYTES = 1_750_560;
const translate = createTranslator("en");

let server: ModelFileServer | undefined;
let folder: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

function tempFolder(): string {
  folder = mkdtempSync(join(tmpdir(), "agente-models-"));
  return join(folder, "cache", "agente", "models");
}

function sha256Of(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

describe("downloadModel", () => {
  it("downloads into the cache folder, checks the sha256, and leaves only the final file", async () => {
    server = await startModelFileServer({ file: TINY_GGUF });
    const cache = tempFolder();
    const lines: string[] = [];
    const progress = createDownloadProgress({
      write: (text) => lines.push(text),
      terminal: false,
      translate,
    });
    const result = await downloadModel(sourceFromUrl(server.url, TINY_SHA256), cache, {
      translate,
      progress,
    });
    expect(result).toEqual({ path: join(cache, "tiny.gguf"), downloaded: true });
    expect(sha256Of(result.path)).toBe(TINY_SHA256);
    expect(readdirSync(cache)).toEqual(["tiny.gguf"]);
    expect(lines[0]).toBe(`downloading tiny.gguf (1.8 MB) from ${server.url} into ${cache}\n`);
    expect(lines.at(-1)).toMatch(/^downloaded tiny\.gguf \(1\.8 MB\) in \d+\.\d s\n$/);
    const percentLines = lines.filter((line) => line.startsWith("tiny.gguf: "));
    expect(percentLines.length).toBeGreaterThanOrEqual(2);
    expect(percentLines.length).toBeLessThanOrEqual(11);
    expect(percentLines.at(-1)).toMatch(/^tiny\.gguf: 100% \(1\.8 MB of 1\.8 MB, /);
  });

  it("resumes an interrupted transfer with a Range request instead of starting over", async () => {
    server = await startModelFileServer({ file: TINY_GGUF, cutResponses: 1, cutAfterBytes: 700_000 });
    const cache = tempFolder();
    const result = await downloadModel(sourceFromUrl(server.url, TINY_SHA256), cache, { translate });
    expect(sha256Of(result.path)).toBe(TINY_SHA256);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.range).toBeUndefined();
    expect(server.requests[1]?.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(server.downloads()).toBe(1);
  });

  it("resumes a partial file an earlier run left behind", async () => {
    server = await startModelFileServer({ file: TINY_GGUF });
    const cache = tempFolder();
    const first = await downloadModel(sourceFromUrl(server.url, undefined), cache, {
      translate,
      attempts: 1,
    });
    // Make it look like a run that stopped at 1,000,000 bytes.
    const bytes = readFileSync(first.path);
    rmSync(first.path);
    writeFileSync(`${first.path}.part`, bytes.subarray(0, 1_000_000));
    server.requests.length = 0;
    const result = await downloadModel(sourceFromUrl(server.url, TINY_SHA256), cache, { translate });
    expect(result.downloaded).toBe(true);
    expect(sha256Of(result.path)).toBe(TINY_SHA256);
    expect(server.requests.map((request) => request.range)).toEqual(["bytes=1000000-"]);
  });

  it("gives up after the allowed attempts with one line that says to run it again, keeping the part", async () => {
    server = await startModelFileServer({ file: TINY_GGUF, cutResponses: 5, cutAfterBytes: 100_000 });
    const cache = tempFolder();
    const attempt = downloadModel(sourceFromUrl(server.url, TINY_SHA256), cache, { translate, attempts: 2 });
    await expect(attempt).rejects.toThrow(/^the download of tiny\.gguf was interrupted 2 times/);
    await expect(attempt).rejects.toMatchObject({ hint: expect.stringContaining("run the command again") });
    expect(readdirSync(cache)).toEqual(["tiny.gguf.part"]);
  });

  it("refuses a file whose sha256 differs and leaves nothing behind", async () => {
    const corrupted = readFileSync(TINY_GGUF);
    corrupted[corrupted.length - 1] = (corrupted[corrupted.length - 1] ?? 0) ^ 0xff;
    server = await startModelFileServer({ file: TINY_GGUF, body: corrupted });
    const cache = tempFolder();
    const attempt = downloadModel(sourceFromUrl(server.url, TINY_SHA256), cache, { translate });
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(
      `the download of tiny.gguf does not match its sha256 (expected ${TINY_SHA256}, got `,
    );
    expect(readdirSync(cache)).toEqual([]);
  });

  it("reports a 404 in one line naming the URL without its credentials or query", async () => {
    server = await startModelFileServer({ file: TINY_GGUF });
    const cache = tempFolder();
    const missing = server.url.replace("http://", "http://ana:s3cret@").replace("tiny.gguf", "nada.gguf");
    const attempt = downloadModel(sourceFromUrl(`${missing}?token=abc123`, undefined), cache, { translate });
    const error = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message).toBe(
      `cannot download nada.gguf: ${server.url.replace("tiny.gguf", "nada.gguf")} answered 404 Not Found`,
    );
    expect(message).not.toMatch(/s3cret|abc123|ana/);
    expect(server.requests).toHaveLength(1);
    expect(readdirSync(cache)).toEqual([]);
  });

  it("reports a server that is down in one line with what to do", async () => {
    const port = await closedPort();
    const cache = tempFolder();
    const url = `http://127.0.0.1:${port}/models/tiny.gguf`;
    const attempt = downloadModel(sourceFromUrl(url, undefined), cache, { translate });
    await expect(attempt).rejects.toThrow(SystemError);
    await expect(attempt).rejects.toThrow(
      `cannot download tiny.gguf: ${url} is not reachable (ECONNREFUSED)`,
    );
    await expect(attempt).rejects.toMatchObject({ hint: expect.stringContaining("AGENTE_GGUF") });
  });

  it("downloads nothing on a second run", async () => {
    server = await startModelFileServer({ file: TINY_GGUF });
    const cache = tempFolder();
    await downloadModel(sourceFromUrl(server.url, TINY_SHA256), cache, { translate });
    const second = await downloadModel(sourceFromUrl(server.url, TINY_SHA256), cache, { translate });
    expect(second).toEqual({ path: join(cache, "tiny.gguf"), downloaded: false });
    expect(server.requests).toHaveLength(1);
  });

  it("downloads once when two pulls start at the same time", async () => {
    server = await startModelFileServer({ file: TINY_GGUF });
    const cache = tempFolder();
    const source = sourceFromUrl(server.url, TINY_SHA256);
    const results = await Promise.all([
      downloadModel(source, cache, { translate }),
      downloadModel(source, cache, { translate }),
    ]);
    expect(results.map((result) => result.downloaded).sort()).toEqual([false, true]);
    expect(server.requests).toHaveLength(1);
    expect(sha256Of(join(cache, "tiny.gguf"))).toBe(TINY_SHA256);
    expect(readdirSync(cache)).toEqual(["tiny.gguf"]);
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    server = await startModelFileServer({ file: TINY_GGUF });
    const cache = tempFolder();
    await downloadModel(sourceFromUrl(server.url, undefined), cache, { translate });
    rmSync(join(cache, "tiny.gguf"));
    // A pid far above any pid_max.
    writeFileSync(join(cache, "tiny.gguf.lock"), "2147483646");
    const result = await downloadModel(sourceFromUrl(server.url, TINY_SHA256), cache, { translate });
    expect(result.downloaded).toBe(true);
    expect(readdirSync(cache)).toEqual(["tiny.gguf"]);
    expect(readFileSync(result.path).length).toBe(TINY_BYTES);
  });
});
