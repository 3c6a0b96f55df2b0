/**
 * `fetch` for the SDK's HTTP client transports, giving each request a signal of its own.
 *
 * The transport passes one connection-wide `AbortSignal` to every request. Node's fetch (undici) adds an
 * `abort` listener to the signal it is given and removes it only when that request is garbage-collected,
 * so under steady traffic a long-lived signal gathers thousands of listeners (Node's
 * `MaxListenersExceededWarning` after about 1,500 calls through the gateway). `AbortSignal.any` makes a
 * per-request signal that follows the connection's without a listener on it (it is held weakly), so the
 * listeners land on a signal that lives as long as its request. Closing the transport still aborts every
 * request in flight, a streamed body included.
 */
export function ownSignalFetch(base: typeof fetch = fetch): typeof fetch {
  return (input, init) =>
    base(input, init?.signal == null ? init : { ...init, signal: AbortSignal.any([init.signal]) });
}
