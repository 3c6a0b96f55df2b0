/**
 * When a server that stopped is started again: at once after a long run, then with a delay that doubles
 * on every failure up to a ceiling. One timer at most; `cancel()` on close.
 */
export class RestartBackoff {
  private timer: NodeJS.Timeout | undefined;
  private delayMs: number;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {
    this.delayMs = initialMs;
  }

  /** A server that ran for a while before failing starts again quickly; one that keeps failing backs off. */
  ranFor(ms: number): void {
    if (ms > 10_000) this.delayMs = this.initialMs;
  }

  schedule(restart: () => void): void {
    this.cancel();
    this.timer = setTimeout(restart, this.delayMs);
    this.timer.unref();
    this.delayMs = Math.min(this.delayMs * 2, this.maxMs);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
