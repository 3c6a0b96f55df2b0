/** Where `agente serve` may listen: loopback freely, anything else only with AGENTE_API_KEY; limits from the environment. */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/translator.js";
import { isLoopback, resolveServeSettings } from "../../src/serve/serve-settings.js";
import { UserError } from "../../src/util/errors.js";

const t = createTranslator("en");

describe("resolveServeSettings", () => {
  it("defaults to 127.0.0.1:8080 without a key, the default limits and no CORS", () => {
    expect(resolveServeSettings({ env: {}, t })).toEqual({
      host: "127.0.0.1",
      port: 8080,
      apiKey: undefined,
      corsOrigin: undefined,
      allowedHosts: [],
      limits: { bodyBytes: 1_048_576, uploadBytes: 20_971_520, turnsPerKey: 16 },
    });
  });

  it("refuses a non-loopback address without AGENTE_API_KEY, in the user's language", () => {
    expect(() => resolveServeSettings({ host: "0.0.0.0", env: {}, t })).toThrow(
      new UserError("binding 0.0.0.0 needs AGENTE_API_KEY: set it (a long random value) or bind 127.0.0.1"),
    );
    expect(() => resolveServeSettings({ host: "192.168.1.5", env: {}, t: createTranslator("es") })).toThrow(
      "escuchar en 192.168.1.5 necesita AGENTE_API_KEY",
    );
  });

  it("binds anywhere with a key, and reads the limits and the CORS origin", () => {
    const settings = resolveServeSettings({
      host: "0.0.0.0",
      port: "9000",
      env: {
        AGENTE_API_KEY: " clave-de-dieciseis ",
        AGENTE_SERVE_TURNS_PER_KEY: "4",
        AGENTE_SERVE_BODY_BYTES: "2048",
        AGENTE_CORS_ORIGIN: "https://chat.example",
      },
      t,
    });
    expect(settings).toMatchObject({
      host: "0.0.0.0",
      port: 9000,
      apiKey: "clave-de-dieciseis",
      corsOrigin: "https://chat.example",
      limits: { bodyBytes: 2048, turnsPerKey: 4 },
    });
  });

  it("refuses an AGENTE_API_KEY under 16 characters, naming its length and a way to make one", () => {
    expect(() => resolveServeSettings({ env: { AGENTE_API_KEY: "e" }, t })).toThrow(
      new UserError(
        "AGENTE_API_KEY has 1 characters: use at least 16, e.g. the output of openssl rand -hex 24",
      ),
    );
    expect(() =>
      resolveServeSettings({ env: { AGENTE_API_KEY: "quince-letras-x" }, t: createTranslator("es") }),
    ).toThrow("AGENTE_API_KEY tiene 15 caracteres: usa 16 como mínimo");
    expect(resolveServeSettings({ env: { AGENTE_API_KEY: "dieciseis-letras" }, t }).apiKey).toBe(
      "dieciseis-letras",
    );
  });

  it("binds off loopback without a key once accounts exist (everyone signs in)", () => {
    expect(resolveServeSettings({ host: "0.0.0.0", env: {}, t, hasAccounts: true }).host).toBe("0.0.0.0");
  });

  it("reads AGENTE_TRUST_PROXY as true, false or the proxies' addresses, and refuses anything else", () => {
    const trust = (value: string) =>
      resolveServeSettings({ env: { AGENTE_TRUST_PROXY: value }, t }).trustProxy;
    expect(trust("")).toBeUndefined();
    expect(trust("true")).toBe(true);
    expect(trust("0")).toBe(false);
    expect(trust(" 127.0.0.1, 10.0.0.0/8 ,loopback")).toBe("127.0.0.1,10.0.0.0/8,loopback");
    expect(() => trust("proxy.example")).toThrow(
      "AGENTE_TRUST_PROXY must be true, false or the proxy addresses",
    );
  });

  it("reads AGENTE_ALLOWED_HOSTS as a comma-separated list", () => {
    const settings = resolveServeSettings({ env: { AGENTE_ALLOWED_HOSTS: " agente.local , pc:8080,," }, t });
    expect(settings.allowedHosts).toEqual(["agente.local", "pc:8080"]);
  });

  it("rejects a port or a limit that is not a whole number in range", () => {
    expect(() => resolveServeSettings({ port: "80a", env: {}, t })).toThrow(
      "--port must be a whole number from 0 to 65535, not 80a",
    );
    expect(() => resolveServeSettings({ env: { AGENTE_SERVE_TURNS_PER_KEY: "0" }, t })).toThrow(
      "AGENTE_SERVE_TURNS_PER_KEY must be a whole number",
    );
  });
});

describe("isLoopback", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["localhost", true],
    ["::1", true],
    ["[::1]", true],
    ["0.0.0.0", false],
    ["::", false],
    ["10.0.0.1", false],
    ["agente.local", false],
  ])("%s → %s", (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});
