/**
 * The redaction core (issue 13, defect 5): every form of a secret is hidden, whatever the name of the
 * variable that holds it says (`*_CREDS`, `*_PWD`), and a stream cut anywhere still never shows one.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StderrTail } from "../../src/mcp/stderr-tail.js";
import { REDACTED, Redactor, StreamRedactor, secretValues } from "../../src/util/secret-redaction.js";

/** Secrets as users have them: letters, digits and the punctuation passwords use. */
const secretArbitrary = fc
  .string({
    unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%!#$&*-_.:/+= "),
    minLength: 8,
    maxLength: 40,
  })
  .filter((secret) => secret.trim().length >= 8);

/** The forms a careless program prints a secret in. */
const encodings: Record<string, (secret: string) => string> = {
  plain: (secret) => secret,
  percent: (secret) => encodeURIComponent(secret),
  upper: (secret) => secret.toUpperCase(),
  lower: (secret) => secret.toLowerCase(),
  base64: (secret) => Buffer.from(secret).toString("base64"),
  base64InBasicHeader: (secret) => Buffer.from(`usuario:${secret}`).toString("base64"),
  base64Url: (secret) => Buffer.from(`x${secret}`).toString("base64url"),
  hex: (secret) => Buffer.from(secret).toString("hex"),
  hexUpper: (secret) => Buffer.from(secret).toString("hex").toUpperCase(),
  json: (secret) => JSON.stringify(secret).slice(1, -1),
};

/**
 * Whether the secret, or the core of its encoded form (padding and boundary characters may survive), is
 * still in `output` more often than the random `noise` around it holds it by chance (a random `after` of
 * "_proto" is not the middle of "aa_protoaa" leaking).
 */
function stillVisible(
  output: string,
  secret: string,
  encoded: string,
  noise: readonly string[] = [],
): boolean {
  const middle = encoded.slice(2, -2);
  const probes = middle.length >= 6 ? [secret, middle] : [secret];
  const count = (text: string, probe: string) => text.split(probe).length - 1;
  return probes.some(
    (probe) => count(output, probe) > noise.reduce((sum, text) => sum + count(text, probe), 0),
  );
}

/** Random text that cannot hold any form of a secret: none of its characters is in one. */
const foreignText = fc.string({ unit: fc.constantFrom("ñ", "¿", "ü", "~", "ł", "·"), maxLength: 8 });

describe("secret values of an environment", () => {
  it("treats *_CREDS, *_PWD, *_PASSPHRASE and credentials in URLs as secrets, not PWD or ordinary settings", () => {
    expect(
      secretValues({
        MYSQL_PWD: "hunter2-mysql",
        SERVICE_CREDS: "svc:abcdef123",
        GPG_PASSPHRASE: "long passphrase",
        ODOO_URL: "http://admin:odoo-pass@erp.local:8069",
        OLLAMA_HOST: "http://u:p4ss@gpu.local:11434",
        PWD: "/home/ana/proyecto",
        HOME: "/home/ana",
        ODOO_DB: "produccion",
      }).sort(),
    ).toEqual(
      [
        "http://admin:odoo-pass@erp.local:8069",
        "http://u:p4ss@gpu.local:11434",
        "hunter2-mysql",
        "long passphrase",
        "odoo-pass",
        "p4ss",
        "svc:abcdef123",
      ].sort(),
    );
  });

  it("collects secret-named values and passwords inside URLs, not ordinary settings or short values", () => {
    expect(
      secretValues({
        ODOO_API_KEY: "0123456789abcdef",
        OPENAI_API_KEY: "sk-test-123456",
        DATABASE_URL: "postgres://agente:s3cr3t-pw@localhost:5432/demo",
        AGENTE_MEMORY_URL: "postgres://localhost/memory",
        ODOO_URL: "http://odoo:8069",
        ODOO_WRITE: "1",
        HOME: "/home/ana",
        SHORT_TOKEN: "abc",
      }),
    ).toEqual([
      "postgres://agente:s3cr3t-pw@localhost:5432/demo",
      "0123456789abcdef",
      "sk-test-123456",
      "s3cr3t-pw",
    ]);
  });

  it("hides every occurrence, the whole URL before the password inside it", () => {
    const redactor = new Redactor(secretValues({ DATABASE_URL: "postgres://agente:s3cr3t-pw@db/demo" }));
    expect(redactor.text("DATABASE_URL='postgres://agente:s3cr3t-pw@db/demo'\npw=s3cr3t-pw")).toBe(
      "DATABASE_URL='[redacted]'\npw=[redacted]",
    );
  });

  it("keeps the password of a URL as written (percent-encoded) and decoded", () => {
    const secrets = secretValues({ DATABASE_URL: "postgres://app:Pg%40ss-word@db/erp" });
    expect(secrets).toContain("Pg%40ss-word");
    expect(secrets).toContain("Pg@ss-word");
    const redactor = new Redactor(secrets);
    expect(redactor.text("pw Pg@ss-word / PG%40SS-WORD / postgres://app:Pg%40ss-word@db/erp")).toBe(
      `pw ${REDACTED} / ${REDACTED} / ${REDACTED}`,
    );
  });

  it("cleans strings inside any JSON value, and errors in place", () => {
    const redactor = new Redactor(["s3cr3t-value"]);
    expect(redactor.value({ description: "uses s3cr3t-value", n: 3, list: ["S3CR3T-VALUE"] })).toEqual({
      description: `uses ${REDACTED}`,
      n: 3,
      list: [REDACTED],
    });
    const error = redactor.error(new Error("failed with s3cr3t-value"));
    expect(error.message).toBe(`failed with ${REDACTED}`);
    expect(error.stack).not.toContain("s3cr3t-value");
  });
});

describe("a secret used as a JSON key (issue 20)", () => {
  it("is hidden in a schema's property names and in structured content, no entry lost", () => {
    const redactor = new Redactor(["s3cr3t-value"]);
    const schema = {
      type: "object",
      properties: { "s3cr3t-value": { type: "string" }, cliente: { type: "string" } },
      required: ["s3cr3t-value"],
    };
    expect(redactor.value(schema)).toEqual({
      type: "object",
      properties: { [REDACTED]: { type: "string" }, cliente: { type: "string" } },
      required: [REDACTED],
    });
    expect(
      redactor.value({ "S3CR3T-VALUE": 1, "s3cr3t-value": 2, [REDACTED]: 3, "clave s3cr3t-value": 4 }),
    ).toEqual({
      [REDACTED]: 1,
      [`${REDACTED} (2)`]: 2,
      [`${REDACTED} (3)`]: 3,
      [`clave ${REDACTED}`]: 4,
    });
  });
});

/** JSON-like values whose keys and strings are drawn from `words` (and random text). */
function jsonWith(words: fc.Arbitrary<string>, random: fc.Arbitrary<string> = fc.string({ maxLength: 8 })) {
  const text = fc.oneof(words, random);
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      text,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(text, tie("value"), { maxKeys: 4 }),
    ),
  }));
  return value;
}

/** Every key of every object inside `value`, with how many entries each object has. */
function objectSizes(value: unknown): number[] {
  if (Array.isArray(value)) return value.flatMap(objectSizes);
  if (value === null || typeof value !== "object") return [];
  return [Object.keys(value).length, ...Object.values(value).flatMap(objectSizes)];
}

describe("redaction properties (fast-check)", () => {
  it("hides a random secret in any form used as a key anywhere in a JSON value, and keeps every entry", () => {
    fc.assert(
      fc.property(
        secretArbitrary,
        fc.constantFrom(...Object.keys(encodings)),
        foreignText,
        fc.nat(),
        (secret, encodingName, noise, seed) => {
          const encoded = (encodings[encodingName] ?? String)(secret);
          const value = fc.sample(jsonWith(fc.constantFrom(encoded, `${noise}${encoded}`), foreignText), {
            seed,
            numRuns: 1,
          })[0];
          const wrapped = { [encoded]: value, nested: [{ [`${noise}${encoded}${noise}`]: value }] };
          const cleaned = new Redactor([secret]).value(wrapped);
          expect(stillVisible(JSON.stringify(cleaned), secret, encoded)).toBe(false);
          expect(objectSizes(cleaned)).toEqual(objectSizes(wrapped));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("leaves a JSON value without a secret as it was, keys and all", () => {
    fc.assert(
      fc.property(jsonWith(fc.constantFrom("cliente", "pedido", "[redacted]", "type")), (value) => {
        expect(new Redactor(["s3cr3t-value"]).value(value)).toEqual(value);
      }),
      { numRuns: 200 },
    );
  });

  for (const [name, encode] of Object.entries(encodings)) {
    it(`hides a random secret in ${name} form inside random text`, () => {
      fc.assert(
        fc.property(secretArbitrary, fc.string(), fc.string(), (secret, before, after) => {
          const encoded = encode(secret);
          const output = new Redactor([secret]).text(`${before} ${encoded} ${after}`);
          expect(stillVisible(output, secret, encoded, [before, after])).toBe(false);
        }),
        { numRuns: 150 },
      );
    });
  }

  it("hides a secret split across the chunks of a stream, wherever the cuts fall", () => {
    fc.assert(
      fc.property(
        secretArbitrary,
        fc.constantFrom(...Object.keys(encodings)),
        fc.string({ maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 12 }),
        (secret, encodingName, noise, cuts) => {
          const encoded = (encodings[encodingName] ?? String)(secret);
          const text = `${noise}${encoded}${noise} y otra vez ${encoded}`;
          const stream = new StreamRedactor(new Redactor([secret]));
          let output = "";
          let position = 0;
          for (const cut of cuts) {
            output += stream.push(text.slice(position, position + cut));
            position += cut;
          }
          output += stream.push(text.slice(position));
          output += stream.end();
          expect(stillVisible(output, secret, encoded, [noise, noise])).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("hides a secret a server prints on stderr in pieces: the stderr tail hands on whole lines", () => {
    fc.assert(
      fc.property(
        secretArbitrary.filter((secret) => !secret.includes("\n")),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 10 }),
        (secret, cuts) => {
          const redactor = new Redactor([secret]);
          const text = `Error: connection with ${secret} failed\nmore ${encodeURIComponent(secret)}\n`;
          const tail = new StderrTail();
          const lines: string[] = [];
          let position = 0;
          for (const cut of cuts) {
            tail.write(text.slice(position, position + cut), (line) => lines.push(redactor.text(line)));
            position += cut;
          }
          tail.write(text.slice(position), (line) => lines.push(redactor.text(line)));
          expect(lines.join("\n")).not.toContain(secret);
          expect(lines).toHaveLength(2);
          expect(redactor.text(tail.lastLines())).not.toContain(secret);
        },
      ),
      { numRuns: 200 },
    );
  });
});
