/**
 * Waiting for conditions on state that messages change: `until(cond)` resolves once `cond()`
 * holds, re-checked at every `notify()`; once `fail(err)` was called every wait (present and
 * future) rejects with that error.
 */
export class Conditions {
  private waiters: (() => void)[] = [];
  private failure: Error | null = null;

  get failed(): Error | null {
    return this.failure;
  }

  notify(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  fail(err: Error): void {
    this.failure ??= err;
    this.notify();
  }

  async until(cond: () => boolean): Promise<void> {
    while (!cond() && this.failure === null) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure) throw this.failure;
  }
}
