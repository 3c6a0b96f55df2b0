/**
 * The SDK bounds each request by `{ timeout, signal }`, but not the transport's `start()`: an SSE server
 * can accept the stream and never name its message endpoint. This ends the wait for such a step when the
 * same start-up signal fires (the step itself is cleaned up by closing its transport).
 */
export function untilAborted<T>(step: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    step.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
