/**
 * What a failed `tools/call` becomes: a timeout or a dead server is an error the host shows; the SDK's
 * schema mismatch names the server; a protocol-level refusal (bad arguments, an unknown tool on that
 * server, `structuredContent` that does not match the tool's `outputSchema`) is an error result the model
 * reads and can fix.
 */
import type { CallToolResult } from "@modelcontextprotocol/client";
import { ProtocolError, SdkError, SdkErrorCode } from "@modelcontextprotocol/client";
import { z } from "zod";
import { type LocalisedParam, localised } from "../i18n/localised.js";
import { SystemError } from "../util/errors.js";
import { mismatchError } from "../util/parse-reply.js";
import { ServerUnavailableError, ToolCallTimeoutError } from "./errors.js";

export interface FailedCall {
  server: string;
  tool: string;
  timeoutMs: number;
  /** "the result of TOOL from MCP server …", for a mismatch. */
  what: string;
  /** How the server stopped (exit code, stderr), for a call cut by its death. */
  exitDetails: () => LocalisedParam;
}

/** The error result to return, or throws the error the host must see. */
export function callFailure(error: unknown, call: FailedCall): CallToolResult {
  if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
    throw new ToolCallTimeoutError(call.server, call.tool, call.timeoutMs);
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed) {
    throw new ServerUnavailableError(
      call.server,
      localised("errorsHub.reason.stoppedInCall", { tool: call.tool, details: call.exitDetails() }),
      { cause: error },
    );
  }
  if (error instanceof z.core.$ZodError) {
    // The SDK checked the result against its schema: say which server sent what, in one line.
    throw mismatchError(error, { what: call.what });
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.InvalidResult) {
    // The SDK's callTool checked the result against the spec's schema: the same one line as parseReply's.
    throw new SystemError(`${call.what} was not what agente expects: ${invalidResultDetail(error)}`, {
      cause: error,
    });
  }
  if (error instanceof ProtocolError) {
    return { isError: true, content: [{ type: "text", text: error.message }] };
  }
  throw error;
}

/** The SDK's message carries zod's issues as JSON after "Invalid result for tools/call: ": name the first. */
const issuesSchema = z.array(
  z.looseObject({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }),
);

function invalidResultDetail(error: SdkError): string {
  const text = error.message.replace(/^Invalid result for [^:]+: /, "");
  let issues: z.infer<typeof issuesSchema> | undefined;
  try {
    issues = issuesSchema.safeParse(JSON.parse(text)).data;
  } catch {
    issues = undefined; // not JSON: the SDK's own sentence (no object, no resultType) is the detail
  }
  const first = issues?.[0];
  if (first === undefined) return text;
  const path = first.path.map(String).join(".");
  return `${path === "" ? "" : `${path}: `}${first.message.replace(/^Invalid input: /, "")}`;
}
