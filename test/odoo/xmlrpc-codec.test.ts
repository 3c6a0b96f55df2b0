import { describe, expect, it } from "vitest";
import {
  decodeMethodCall,
  decodeMethodResponse,
  encodeMethodCall,
  encodeMethodResponse,
  XmlRpcFormatError,
} from "../../src/odoo/xmlrpc-codec.js";

describe("XML-RPC codec", () => {
  it("round-trips an execute_kw call with every value type Odoo uses", () => {
    const params = [
      "db",
      2,
      "secret & <key>",
      "res.partner",
      "search_read",
      [],
      {
        domain: [["name", "ilike", "Acme"], "|"],
        fields: ["name"],
        limit: 5,
        ratio: 0.5,
        active: true,
        note: null,
      },
    ];
    const xml = encodeMethodCall("execute_kw", params);
    expect(xml).toContain("<methodName>execute_kw</methodName>");
    expect(xml).toContain("secret &amp; &lt;key&gt;");
    const decoded = decodeMethodCall(xml);
    expect(decoded.method).toBe("execute_kw");
    expect(decoded.params).toEqual(params);
  });

  it("encodes integers beyond 32 bits as doubles so that Odoo does not reject them", () => {
    expect(encodeMethodCall("m", [2 ** 40])).toContain("<double>1099511627776</double>");
    expect(encodeMethodCall("m", [-3])).toContain("<int>-3</int>");
  });

  it("decodes a response as Python's xmlrpc.client writes it (untyped strings, i4, whitespace)", () => {
    const xml = `<?xml version='1.0'?>
<methodResponse>
<params>
<param>
<value><array><data>
<value><struct>
<member>
<name>id</name>
<value><int>7</int></value>
</member>
<member>
<name>name</name>
<value>Acme Corp</value>
</member>
<member>
<name>country_id</name>
<value><array><data>
<value><i4>68</i4></value>
<value><string>Spain</string></value>
</data></array></value>
</member>
<member>
<name>email</name>
<value><boolean>0</boolean></value>
</member>
<member>
<name>amount</name>
<value><double>1250.5</double></value>
</member>
</struct></value>
</data></array></value>
</param>
</params>
</methodResponse>`;
    expect(decodeMethodResponse(xml)).toEqual({
      kind: "value",
      value: [{ id: 7, name: "Acme Corp", country_id: [68, "Spain"], email: false, amount: 1250.5 }],
    });
  });

  it("decodes a fault into its code and string", () => {
    const xml = encodeMethodResponse({
      kind: "fault",
      faultCode: 2,
      faultString: "Object x.y doesn't exist",
    });
    expect(decodeMethodResponse(xml)).toEqual({
      kind: "fault",
      faultCode: 2,
      faultString: "Object x.y doesn't exist",
    });
  });

  it("decodes nil, i8, dateTime and base64 values", () => {
    const xml =
      "<methodResponse><params><param><value><array><data>" +
      "<value><nil/></value><value><i8>5000000000</i8></value>" +
      "<value><dateTime.iso8601>20240101T10:00:00</dateTime.iso8601></value><value><base64> aGk= </base64></value>" +
      "</data></array></value></param></params></methodResponse>";
    expect(decodeMethodResponse(xml)).toEqual({
      kind: "value",
      value: [null, 5000000000, "20240101T10:00:00", "aGk="],
    });
  });

  it("decodes entities, numeric character references and CDATA in strings", () => {
    const xml =
      "<methodResponse><params><param><value><array><data>" +
      "<value><string>Ferretería L&#243;pez &amp; Hijos &lt;S.L.&gt;</string></value>" +
      "<value><string><![CDATA[a < b & c]]></string></value>" +
      "<value>caf&#xE9;</value>" +
      "</data></array></value></param></params></methodResponse>";
    expect(decodeMethodResponse(xml)).toEqual({
      kind: "value",
      value: ["Ferretería López & Hijos <S.L.>", "a < b & c", "café"],
    });
  });

  it("accepts self-closing elements (<nil/>, <string/>, <data/>)", () => {
    const xml =
      "<methodResponse><params><param><value><array><data>" +
      "<value><nil/></value><value><string/></value><value><array><data/></array></value><value><struct/></value>" +
      "</data></array></value></param></params></methodResponse>";
    expect(decodeMethodResponse(xml)).toEqual({ kind: "value", value: [null, "", [], {}] });
  });

  it("round-trips non-ASCII text and a nested structure", () => {
    const value = {
      nombre: "María García",
      etiquetas: ["ñandú", "日本"],
      anidado: { lista: [[1, 2], []], vacío: {} },
    };
    expect(decodeMethodResponse(encodeMethodResponse({ kind: "value", value }))).toEqual({
      kind: "value",
      value,
    });
  });

  it.each([
    [
      "<methodResponse><params><param><value><int>1</int></value></params></methodResponse>",
      /unexpected <\/params>|never closed/,
    ],
    [
      "<methodResponse><params><param><value><int>1</int><string>x</string></value></param></params></methodResponse>",
      /one type element/,
    ],
    [
      "<methodResponse><params><param><value><struct><member><value>1</value></member></struct></value></param></params></methodResponse>",
      /needs <name> and <value>/,
    ],
    ["<methodResponse><params></params></methodResponse>", /exactly one <param>/],
    [
      "<methodResponse><params><param><value><array><value>1</value></array></value></param></params></methodResponse>",
      /<value> inside <array>/,
    ],
  ])("rejects malformed structure %#", (xml, message) => {
    expect(() => decodeMethodResponse(xml)).toThrow(message);
  });

  it("rejects documents that are not XML-RPC responses", () => {
    expect(() => decodeMethodResponse("<html><body>502 Bad Gateway</body></html>")).toThrow(
      XmlRpcFormatError,
    );
    expect(() => decodeMethodResponse("not xml at all <")).toThrow(XmlRpcFormatError);
    expect(() =>
      decodeMethodResponse(
        "<methodResponse><params><param><value><int>x</int></value></param></params></methodResponse>",
      ),
    ).toThrow(/bad <int>/);
    expect(() =>
      decodeMethodResponse(
        "<methodResponse><params><param><value><weird/></value></param></params></methodResponse>",
      ),
    ).toThrow(/unknown XML-RPC type/);
  });
});
