/**
 * The repository's own GGUF writer (scripts/write-tiny-gguf.ts): the same seed gives the same bytes, and
 * llama.cpp loads the model, decodes schema-valid actions under a grammar, and embeds with it.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { afterAll, describe, expect, it } from "vitest";
import { tinyGguf } from "../../scripts/write-tiny-gguf.js";
import { buildActionSchema } from "../../src/agent/action-schema.js";
import { GgufEmbedder } from "../../src/embedders/gguf-embedder.js";
import { LlamaCppModel } from "../../src/llm/llama-cpp-model.js";

const folder = mkdtempSync(join(tmpdir(), "agente-tiny-gguf-"));
const path = join(folder, "tiny.gguf");
const options = { seed: 42, layers: 2, width: 64, heads: 4 };
writeFileSync(path, tinyGguf(options));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("write-tiny-gguf", () => {
  it("writes the same bytes for the same seed, and others for another", () => {
    const digest = (buffer: Buffer) => createHash("sha256").update(buffer).digest("hex");
    expect(digest(tinyGguf(options))).toBe(digest(tinyGguf(options)));
    expect(digest(tinyGguf({ ...options, seed: 7 }))).not.toBe(digest(tinyGguf(options)));
  });

  it("loads in llama.cpp and decodes schema-valid actions under a grammar", async () => {
    const schema = buildActionSchema([
      {
        name: "consultar_empresa",
        originalName: "consultar_empresa",
        server: "s",
        description: "datos de una empresa",
        inputSchema: { type: "object", properties: { nombre: { type: "string" } }, required: ["nombre"] },
        annotations: {},
        serverRequiresApproval: false,
      },
    ]);
    const validate = new Ajv({ strict: false }).compile(schema);
    const model = new LlamaCppModel({
      ggufPath: path,
      model: "tiny",
      temperature: 0.8,
      maxTokens: 48,
      contextSize: 1024,
      seed: 3,
    });
    try {
      for (let step = 0; step < 3; step++) {
        const response = await model.complete({
          messages: [{ role: "user", content: `consulta empresa ${step}` }],
          schema,
        });
        expect(validate(JSON.parse(response.text)), response.text).toBe(true);
      }
    } finally {
      await model.close();
    }
  }, 60_000);

  it("embeds with its width", async () => {
    const embedder = new GgufEmbedder({ label: "tiny", resolveFile: async () => path });
    try {
      expect(await embedder.identity()).toEqual({ name: "gguf:tiny", dimensions: 64 });
    } finally {
      await embedder.close();
    }
  });
});
