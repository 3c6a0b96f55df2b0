/**
 * `/xmlrpc/2/common` and `/xmlrpc/2/object`, as Odoo's RPC controller serves them
 * (odoo/addons/base/controllers/rpc.py in 17.0, addons/rpc/controllers/xmlrpc.py in 19.0), with
 * faults from `xmlrpc_handle_exception_int`: 1 application error (whole traceback as the fault
 * string), 2 user/validation/missing-record error, 3 AccessDenied ("Access Denied"), 4 AccessError.
 *
 * Documentation: https://www.odoo.com/documentation/17.0/developer/reference/external_api.html and
 * https://www.odoo.com/documentation/19.0/developer/reference/external_rpc_api.html
 */

import { PythonException, raise } from "./errors.js";
import { findMethod } from "./methods.js";
import { type MethodCallRequest, privateMethodError, unknownMethodError } from "./orm.js";
import { type ServerState, USER_ID, versionInfo } from "./server-state.js";
import { bindArguments } from "./signature.js";
import { encodeFault, encodeResponse, type MethodCall, parseMethodCall, type XmlRpcValue } from "./xmlrpc.js";

/** Positions of the password among the params of each XML-RPC method, for redaction. */
export const PASSWORD_PARAM_INDEX: Record<string, number> = {
  authenticate: 2,
  login: 2,
  execute_kw: 2,
  execute: 2,
};

/** Answers one XML-RPC request body; always a 200 text/xml response, faults included. */
export function handleXmlRpc(state: ServerState, service: string, call: MethodCall | string): string {
  try {
    const parsed = typeof call === "string" ? parseMethodCall(call) : call;
    return encodeResponse(dispatch(state, service, parsed));
  } catch (error) {
    if (!(error instanceof PythonException)) throw error;
    return encodeFault(
      error.info.faultCode,
      error.info.bareMessage ? error.message : error.traceback("dispatch"),
    );
  }
}

function dispatch(state: ServerState, service: string, call: MethodCall): unknown {
  if (service === "common") return dispatchCommon(state, call);
  if (service === "object") return dispatchObject(state, call);
  throw new PythonException("KeyError", `'${service}'`);
}

function checkDatabase(state: ServerState, database: unknown): void {
  if (database !== state.options.database) {
    throw new PythonException(
      "OperationalError",
      `connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  database "${String(database)}" does not exist\n`,
    );
  }
}

function credentialsValid(state: ServerState, login: unknown, password: unknown): boolean {
  return (
    login === state.options.login &&
    (password === state.options.password || password === state.options.apiKey)
  );
}

function dispatchCommon(state: ServerState, call: MethodCall): unknown {
  const { methodName, params } = call;
  switch (methodName) {
    case "version":
      return versionInfo(state.options.version);
    case "about":
      return "See http://openerp.com";
    case "login":
    case "authenticate": {
      const parameters =
        methodName === "login"
          ? [{ name: "db" }, { name: "login" }, { name: "password" }]
          : [{ name: "db" }, { name: "login" }, { name: "password" }, { name: "user_agent_env" }];
      const bound = bindArguments(
        { qualifiedName: `exp_${methodName}`, parameters, plainFunction: true },
        params,
        {},
        "call",
      );
      checkDatabase(state, bound.db);
      return credentialsValid(state, bound.login, bound.password) ? USER_ID : false;
    }
    default:
      throw new PythonException("NameError", `Method not available ${methodName}`);
  }
}

function dispatchObject(state: ServerState, call: MethodCall): unknown {
  const { methodName, params } = call;
  if (methodName !== "execute_kw" && methodName !== "execute") {
    throw new PythonException("NameError", `Method not available ${methodName}`);
  }
  const [database, uid, password, modelName, method, ...rest] = params;
  checkDatabase(state, database);
  // security.check(db, uid, passwd)
  if (uid !== USER_ID || (password !== state.options.password && password !== state.options.apiKey)) {
    throw raise.accessDenied();
  }
  if (typeof modelName !== "string" || typeof method !== "string") {
    throw raise.type("execute_kw() needs a model name and a method name");
  }
  let args: XmlRpcValue[];
  let kwargs: Record<string, XmlRpcValue>;
  if (methodName === "execute_kw") {
    args = Array.isArray(rest[0]) ? rest[0] : [];
    const named = rest[1];
    kwargs = named && typeof named === "object" && !Array.isArray(named) ? { ...named } : {};
  } else {
    args = rest;
    kwargs = {};
  }
  return executeKw(state, modelName, method, args, kwargs);
}

function executeKw(
  state: ServerState,
  modelName: string,
  methodName: string,
  args: XmlRpcValue[],
  kwargs: Record<string, XmlRpcValue>,
): unknown {
  const { version } = state.options;
  // 17 checks the method name before looking up the model (check_method_name); 19 after (call_kw).
  if (version === 17 && methodName.startsWith("_")) throw privateMethodError(version, modelName, methodName);
  const model = state.store.model(modelName);
  if (methodName.startsWith("_")) throw privateMethodError(version, modelName, methodName);
  const method = findMethod(version, model, methodName);
  if (!method) throw unknownMethodError(version, modelName, methodName);
  const { context, ...named } = kwargs;
  let ids: number[] = [];
  let positional: XmlRpcValue[] = args;
  if (method.api === "records") {
    if (args.length === 0) throw raise.type(`${method.qualifiedName}() missing the record ids`);
    const [first, ...others] = args;
    ids = (Array.isArray(first) ? first : [first]).filter((id): id is number => typeof id === "number");
    positional = others;
  }
  const bound = bindArguments(method, positional, named, "call");
  const request: MethodCallRequest = {
    model,
    method,
    ids,
    bound,
    context: context && typeof context === "object" && !Array.isArray(context) ? context : {},
    protocol: "xmlrpc",
  };
  return state.orm.execute(request);
}
