import { describe, expect, it } from "vitest";
import { PythonException } from "../../../src/testing/fake-odoo/errors.js";
import { PyFloat } from "../../../src/testing/fake-odoo/python.js";
import {
  encodeFault,
  encodeResponse,
  encodeValue,
  parseMethodCall,
} from "../../../src/testing/fake-odoo/xmlrpc.js";

function expatError(body: string): PythonException {
  try {
    parseMethodCall(body);
  } catch (error) {
    if (error instanceof PythonException) return error;
    throw error;
  }
  throw new Error("expected the body to be rejected");
}

describe("fake Odoo XML-RPC codec", () => {
  it("decodes every scalar type, CDATA, comments and empty elements", () => {
    const call = parseMethodCall(`<?xml version="1.0"?>
<!-- a comment -->
<methodCall><methodName>m</methodName><params>
<param><value><int>-7</int></value></param>
<param><value><boolean>1</boolean></value></param>
<param><value><double>2.5</double></value></param>
<param><value><string><![CDATA[a <b> & c]]></string></value></param>
<param><value><string/></value></param>
<param><value/></param>
<param><value><dateTime.iso8601>20261201T10:30:00</dateTime.iso8601></value></param>
<param><value><array><data/></array></value></param>
<param><value><struct/></value></param>
<param><value><nil/></value></param>
</params></methodCall>`);
    expect(call).toEqual({
      methodName: "m",
      params: [-7, true, 2.5, "a <b> & c", "", "", "2026-12-01 10:30:00", [], {}, null],
    });
  });

  it("rejects malformed XML with an ExpatError", () => {
    expect(expatError("<methodCall><methodName>x</methodName>").kind).toBe("ExpatError");
    expect(expatError("<methodCall><params></methodCall>").kind).toBe("ExpatError");
    expect(expatError("<methodCall><methodName>x</methodName></methodCall><extra/>").kind).toBe("ExpatError");
    expect(expatError("<methodCall><methodName>&bogus;</methodName></methodCall>").kind).toBe("ExpatError");
    expect(expatError("not xml at all").kind).toBe("ExpatError");
  });

  it("encodes like Python's marshaller: ints, floats with .0, booleans, nested containers", () => {
    expect(encodeValue(3)).toBe("<value><int>3</int></value>");
    expect(encodeValue(new PyFloat(3))).toBe("<value><double>3.0</double></value>");
    expect(encodeValue(0.5)).toBe("<value><double>0.5</double></value>");
    expect(encodeValue(false)).toBe("<value><boolean>0</boolean></value>");
    expect(encodeValue([1, "a"])).toBe(
      "<value><array><data>\n<value><int>1</int></value>\n<value><string>a</string></value>\n</data></array></value>",
    );
    expect(encodeValue({ k: true })).toBe(
      "<value><struct>\n<member>\n<name>k</name>\n<value><boolean>1</boolean></value>\n</member>\n</struct></value>",
    );
    expect(encodeValue("a\u0001b")).toBe("<value><string>ab</string></value>");
    expect(() => encodeValue(null)).toThrow("cannot marshal None unless allow_none is enabled");
  });

  it("wraps results in params and faults in a fault struct", () => {
    expect(encodeResponse(1)).toBe(
      '<?xml version="1.0"?>\n<methodResponse>\n<params>\n<param>\n<value><int>1</int></value>\n</param>\n</params>\n</methodResponse>\n',
    );
    expect(encodeFault(3, "Access Denied")).toContain(
      "<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>3</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>Access Denied</string></value>",
    );
  });
});
