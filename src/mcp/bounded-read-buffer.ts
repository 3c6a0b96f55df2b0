/**
 * A read buffer for the SDK's stdio client that survives an oversized message. The SDK's own buffer
 * throws past 10 MiB, and its transport then closes: the server is killed and restarted, and the call is
 * reported as "the server stopped (exit code 0)". This one drops the oversized line as it streams in
 * (never holding more than the limit), reads the request id from the line's end (the SDK writes `id` last),
 * and hands the client an error answer for that request: the call fails with "result too large", the
 * server keeps running. It also joins chunks once per line instead of once per chunk.
 */

import type { JSONRPCMessage } from "@modelcontextprotocol/client";
import { deserializeMessage } from "@modelcontextprotocol/client";
import type { StdioClientTransport } from "@modelcontextprotocol/client/stdio";

export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** JSON-RPC's range for implementation-defined server errors, clear of the SDK's own codes. */
export const RESULT_TOO_LARGE_CODE = -32_050;
const TAIL_BYTES = 256;

export class BoundedReadBuffer {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private discarding = false;
  private tail: Buffer = Buffer.alloc(0);
  private readonly ready: Array<string | JSONRPCMessage> = [];

  constructor(private readonly maxBytes = DEFAULT_MAX_MESSAGE_BYTES) {}

  append(chunk: Buffer): void {
    let rest: Buffer = chunk;
    while (rest.length > 0) {
      const newline = rest.indexOf(0x0a);
      const piece = newline < 0 ? rest : rest.subarray(0, newline);
      rest = newline < 0 ? Buffer.alloc(0) : rest.subarray(newline + 1);
      if (this.discarding) this.tail = lastBytes(Buffer.concat([this.tail, piece]));
      else {
        this.pending.push(piece);
        this.pendingBytes += piece.length;
        if (this.pendingBytes > this.maxBytes) {
          this.tail = lastBytes(Buffer.concat(this.pending.slice(-2)));
          this.pending = [];
          this.pendingBytes = 0;
          this.discarding = true;
        }
      }
      if (newline >= 0) this.endLine();
    }
  }

  readMessage(): JSONRPCMessage | null {
    const next = this.ready.shift();
    if (next === undefined) return null;
    return typeof next === "string" ? deserializeMessage(next) : next;
  }

  clear(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.discarding = false;
    this.tail = Buffer.alloc(0);
    this.ready.length = 0;
  }

  private endLine(): void {
    if (this.discarding) {
      const answer = this.tooLargeAnswer(this.tail.toString("utf8"));
      if (answer !== undefined) this.ready.push(answer);
      this.discarding = false;
      this.tail = Buffer.alloc(0);
      return;
    }
    const line = Buffer.concat(this.pending).toString("utf8").replace(/\r$/, "");
    this.pending = [];
    this.pendingBytes = 0;
    if (line.trim() !== "") this.ready.push(line);
  }

  private tooLargeAnswer(tail: string): JSONRPCMessage | undefined {
    const id = /"id"\s*:\s*(\d+|"(?:[^"\\]|\\.)*")\s*}\s*$/.exec(tail)?.[1];
    // A notification (no id) or an oddly ordered message: drop it, nobody waits for it by id.
    if (id === undefined) return undefined;
    const megabytes = Math.round(this.maxBytes / (1024 * 1024));
    return {
      jsonrpc: "2.0",
      id: JSON.parse(id) as string | number,
      error: {
        code: RESULT_TOO_LARGE_CODE,
        message: `result too large: the answer is over the ${megabytes} MiB an MCP message may take here, and was dropped; the server keeps running: ask for less`,
      },
    };
  }
}

/**
 * Puts a `BoundedReadBuffer` in a stdio transport before it starts. The SDK offers no option for this, so
 * the buffer field is replaced; if a future SDK renames it, nothing is replaced and its own limit applies.
 */
export function boundStdioMessages(transport: StdioClientTransport, maxBytes?: number): void {
  if (!Reflect.has(transport, "_readBuffer")) return;
  Reflect.set(transport, "_readBuffer", new BoundedReadBuffer(maxBytes));
}

function lastBytes(buffer: Buffer): Buffer {
  return buffer.length <= TAIL_BYTES ? buffer : Buffer.from(buffer.subarray(buffer.length - TAIL_BYTES));
}
