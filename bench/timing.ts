/** Timing one piece of work in a benchmark: its milliseconds are pushed onto a list of times. */

/** Runs `run`, pushes how many milliseconds it took onto `times` and returns its result. */
export function timed<T>(times: number[], run: () => T): T {
  const started = performance.now();
  const result = run();
  times.push(performance.now() - started);
  return result;
}

/** `timed` for work that resolves later: the time runs until the promise settles. */
export async function timedAsync<T>(times: number[], run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  times.push(performance.now() - started);
  return result;
}
