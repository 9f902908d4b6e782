/**
 * A wait that a notification cuts short: `wait(ms, signal)` ends after `ms`, when `signal`
 * aborts, or at `wake()` — also a wake that came while nobody waited (it is kept for the next
 * wait, never lost).
 */
export class Wakeable {
  private wakeUp: (() => void) | null = null;
  private woken = false;

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async wait(ms: number, signal: AbortSignal): Promise<void> {
    if (!this.woken && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          this.wakeUp = null;
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
        this.wakeUp = done;
      });
    }
    this.woken = false;
  }
}
