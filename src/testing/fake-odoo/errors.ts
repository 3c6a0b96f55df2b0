/**
 * The Python exceptions the fake Odoo raises, and how each one leaves the server.
 *
 * Real Odoo maps exceptions in two places: `xmlrpc_handle_exception_int`
 * (odoo/addons/base/controllers/rpc.py, 17.0; addons/rpc/controllers/xmlrpc.py, 19.0) picks the
 * XML-RPC fault code, and `Json2Dispatcher.handle_error` (odoo/http.py, 19.0) picks the HTTP status
 * from `UserError.http_status` or the werkzeug exception's code. The kinds below keep that mapping
 * in one table so both protocols agree.
 */

/** The exception classes the fake raises, named as Python names them. */
export type PythonExceptionKind =
  | "UserError"
  | "ValidationError"
  | "MissingError"
  | "AccessError"
  | "AccessDenied"
  | "ValueError"
  | "TypeError"
  | "AttributeError"
  | "KeyError"
  | "NameError"
  | "OperationalError"
  | "ExpatError"
  | "NotFound"
  | "Unauthorized"
  | "UnprocessableEntity"
  | "BadRequest";

interface KindInfo {
  /** Fully qualified name, as `serialize_exception` writes it in a JSON-2 error body. */
  qualifiedName: string;
  /** XML-RPC `faultCode` on /xmlrpc/2. */
  faultCode: 1 | 2 | 3 | 4;
  /** HTTP status on /json/2. */
  httpStatus: number;
  /** Whether the fault string is the bare message (Odoo exceptions) or a whole traceback (others). */
  bareMessage: boolean;
}

const KINDS: Record<PythonExceptionKind, KindInfo> = {
  UserError: { qualifiedName: "odoo.exceptions.UserError", faultCode: 2, httpStatus: 422, bareMessage: true },
  ValidationError: {
    qualifiedName: "odoo.exceptions.ValidationError",
    faultCode: 2,
    httpStatus: 422,
    bareMessage: true,
  },
  MissingError: {
    qualifiedName: "odoo.exceptions.MissingError",
    faultCode: 2,
    httpStatus: 404,
    bareMessage: true,
  },
  AccessError: {
    qualifiedName: "odoo.exceptions.AccessError",
    faultCode: 4,
    httpStatus: 403,
    bareMessage: true,
  },
  AccessDenied: {
    qualifiedName: "odoo.exceptions.AccessDenied",
    faultCode: 3,
    httpStatus: 403,
    bareMessage: true,
  },
  ValueError: { qualifiedName: "builtins.ValueError", faultCode: 1, httpStatus: 500, bareMessage: false },
  TypeError: { qualifiedName: "builtins.TypeError", faultCode: 1, httpStatus: 500, bareMessage: false },
  AttributeError: {
    qualifiedName: "builtins.AttributeError",
    faultCode: 1,
    httpStatus: 500,
    bareMessage: false,
  },
  KeyError: { qualifiedName: "builtins.KeyError", faultCode: 1, httpStatus: 500, bareMessage: false },
  NameError: { qualifiedName: "builtins.NameError", faultCode: 1, httpStatus: 500, bareMessage: false },
  OperationalError: {
    qualifiedName: "psycopg2.OperationalError",
    faultCode: 1,
    httpStatus: 500,
    bareMessage: false,
  },
  ExpatError: {
    qualifiedName: "xml.parsers.expat.ExpatError",
    faultCode: 1,
    httpStatus: 500,
    bareMessage: false,
  },
  NotFound: {
    qualifiedName: "werkzeug.exceptions.NotFound",
    faultCode: 1,
    httpStatus: 404,
    bareMessage: false,
  },
  Unauthorized: {
    qualifiedName: "werkzeug.exceptions.Unauthorized",
    faultCode: 1,
    httpStatus: 401,
    bareMessage: false,
  },
  UnprocessableEntity: {
    qualifiedName: "werkzeug.exceptions.UnprocessableEntity",
    faultCode: 1,
    httpStatus: 422,
    bareMessage: false,
  },
  BadRequest: {
    qualifiedName: "werkzeug.exceptions.BadRequest",
    faultCode: 1,
    httpStatus: 400,
    bareMessage: false,
  },
};

/** An exception raised inside the fake server, carried to the protocol layer. */
export class PythonException extends Error {
  override readonly name = "PythonException";
  readonly kind: PythonExceptionKind;

  constructor(kind: PythonExceptionKind, message: string) {
    super(message);
    this.kind = kind;
  }

  get info(): KindInfo {
    return KINDS[this.kind];
  }

  /** The last line of a Python traceback for this exception, e.g. `ValueError: Invalid field …`. */
  get tracebackTail(): string {
    const shortName = this.info.qualifiedName.replace(/^builtins\./, "");
    return `${shortName}: ${this.message}`;
  }

  /** A plausible Python traceback ending in this exception, as Odoo puts in fault strings and `debug`. */
  traceback(where: string): string {
    return [
      "Traceback (most recent call last):",
      '  File "/usr/lib/python3/dist-packages/odoo/http.py", line 2213, in _serve_db',
      "    return service_model.retrying(self._serve_ir_http, self.env)",
      `  File "/usr/lib/python3/dist-packages/odoo/service/model.py", line 156, in ${where}`,
      "    result = func()",
      this.tracebackTail,
      "",
    ].join("\n");
  }
}

/** Shorthands for the exceptions raised most often. */
export const raise = {
  userError: (message: string) => new PythonException("UserError", message),
  validation: (message: string) => new PythonException("ValidationError", message),
  missing: (message: string) => new PythonException("MissingError", message),
  accessError: (message: string) => new PythonException("AccessError", message),
  accessDenied: () => new PythonException("AccessDenied", "Access Denied"),
  value: (message: string) => new PythonException("ValueError", message),
  type: (message: string) => new PythonException("TypeError", message),
  attribute: (message: string) => new PythonException("AttributeError", message),
};
