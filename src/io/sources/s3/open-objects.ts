/**
 * How many objects the S3 source has open at once (added to the job and not yet read to their
 * end): the enumerator takes a place before it adds an object, the reader gives it back when the
 * object's read ends. Bounds memory and connections whatever the number of objects, and keeps a
 * few objects in flight (requested ahead) so the network does not bound throughput.
 */
export class OpenObjects {
  private open = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Resolves once a place is free (or at once when `signal` aborts: nothing is added then). */
  async take(signal: AbortSignal): Promise<void> {
    while (this.open >= this.limit && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          resolve();
        };
        signal.addEventListener('abort', done, { once: true });
        this.waiters.push(done);
      });
    }
    this.open++;
  }

  give(): void {
    this.open--;
    this.waiters.shift()?.();
  }
}
