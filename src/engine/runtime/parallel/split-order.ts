/**
 * Main-thread bookkeeping of one split's chunks in a parallel job: which worker needs which
 * prefix (the largest event time of the earlier chunks), and how far the split's chunks have
 * been released (in order), so that owners merge exactly the released chunks and watermarks
 * advance over the completed prefix of the split — never by which worker happened to finish first.
 */
export class SplitOrder {
  private readonly maxes = new Map<number, number>();
  /** Highest seq with every max up to it known, and the largest of those maxes. */
  private known = -1;
  private cumMax = -Infinity;
  private readonly waiting = new Map<number, number>();
  /** Highest seq released in order (-1 = none). */
  released = -1;

  /** Resuming from a checkpoint: the split's largest event time so far. */
  seed(maxTs: number): void {
    this.cumMax = maxTs;
  }

  /** The prefix for a chunk about to be dispatched, or null when the worker must wait for it. */
  prefixFor(seq: number, worker: number): number | null {
    if (this.known === seq - 1) return this.cumMax;
    this.waiting.set(seq, worker);
    return null;
  }

  /**
   * Records a chunk's largest event time; returns the chunks whose prefix became known, with
   * the worker waiting for each.
   */
  max(seq: number, maxTs: number): { seq: number; worker: number; prefix: number }[] {
    this.maxes.set(seq, maxTs);
    const ready: { seq: number; worker: number; prefix: number }[] = [];
    while (this.maxes.has(this.known + 1)) {
      const m = this.maxes.get(this.known + 1)!;
      this.maxes.delete(this.known + 1);
      if (m > this.cumMax) this.cumMax = m;
      this.known++;
      const worker = this.waiting.get(this.known + 1);
      if (worker !== undefined) {
        this.waiting.delete(this.known + 1);
        ready.push({ seq: this.known + 1, worker, prefix: this.cumMax });
      }
    }
    return ready;
  }
}
