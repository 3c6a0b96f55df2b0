import { describe, expect, it } from "vitest";
import { DEFAULT_MODELS, readOdooConfig } from "../../src/odoo/config.js";
import { isDeniedField } from "../../src/odoo/field-policy.js";
import { UserError } from "../../src/util/errors.js";

const BASE = { ODOO_URL: "https://erp.example.com", ODOO_DB: "prod", ODOO_USER: "bot", ODOO_API_KEY: "k3y" };

describe("readOdooConfig", () => {
  it("reads the environment with safe defaults: auto protocol, read-only, default allowlist", () => {
    expect(readOdooConfig(BASE)).toEqual({
      url: "https://erp.example.com",
      database: "prod",
      login: "bot",
      apiKey: "k3y",
      password: undefined,
      protocol: "auto",
      timeoutMs: 15000,
      writeEnabled: false,
      models: [...DEFAULT_MODELS],
    });
  });

  it("reads writes, allowlist, protocol and timeout", () => {
    const config = readOdooConfig({
      ...BASE,
      ODOO_WRITE: "1",
      ODOO_MODELS: "res.partner, crm.lead",
      ODOO_PROTOCOL: "XMLRPC",
      ODOO_TIMEOUT_MS: "2500",
    });
    expect(config).toMatchObject({
      writeEnabled: true,
      models: ["res.partner", "crm.lead"],
      protocol: "xmlrpc",
      timeoutMs: 2500,
    });
  });

  it.each([
    [{ ...BASE, ODOO_URL: "" }, /ODOO_URL is not set/],
    [{ ...BASE, ODOO_URL: "erp.example.com" }, /not an http\(s\) URL/],
    [{ ...BASE, ODOO_API_KEY: undefined }, /Neither ODOO_API_KEY nor ODOO_PASSWORD/],
    [{ ...BASE, ODOO_PROTOCOL: "soap" }, /ODOO_PROTOCOL must be/],
    [
      { ...BASE, ODOO_API_KEY: undefined, ODOO_PASSWORD: "p", ODOO_PROTOCOL: "json2" },
      /json2 needs ODOO_API_KEY/,
    ],
    [{ ...BASE, ODOO_TIMEOUT_MS: "soon" }, /ODOO_TIMEOUT_MS/],
    [{ ...BASE, ODOO_MODELS: "res.partner,DROP TABLE" }, /not an Odoo model name/],
  ])("refuses %j", (env, message) => {
    expect(() => readOdooConfig(env)).toThrow(UserError);
    expect(() => readOdooConfig(env)).toThrow(message);
  });

  it("never puts a secret in its error messages", () => {
    try {
      readOdooConfig({ ...BASE, ODOO_API_KEY: "super-secret-value", ODOO_TIMEOUT_MS: "x" });
    } catch (error) {
      expect(String(error)).not.toContain("super-secret-value");
    }
  });
});

describe("field denylist", () => {
  it.each([
    "password",
    "new_password",
    "api_key_ids",
    "signup_token",
    "totp_secret",
    "bank_ids",
    "bank_account_id",
    "acc_number",
    "private_email",
    "pin",
    "ssnid",
    "passport_id",
  ])("denies %s", (name) => expect(isDeniedField(name)).toBe(true));
  it.each(["name", "email", "phone", "expected_revenue", "partner_id", "pinned", "shipping_date"])(
    "allows %s",
    (name) => expect(isDeniedField(name)).toBe(false),
  );
  it("denies binary fields by type", () =>
    expect(isDeniedField("image_1920", { type: "binary" })).toBe(true));
});
