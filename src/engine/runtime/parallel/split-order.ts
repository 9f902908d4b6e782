import type { DeadLetter } from '../chunk.js';

/**
 * Main-thread bookkeeping of one split's chunks: which worker needs which prefix (the largest
 * event time of the earlier chunks), and how far the split's chunks have been released (in
 * order, by the job), so that watermarks advance over the completed prefix of the split —
 * never by which worker happened to finish first.
 */
export class SplitOrder {
  private readonly maxes = new Map<number, number>();
  /** Highest seq with every max up to it known, and the largest of those maxes. */
  private known = -1;
  private cumMax = -Infinity;
  private readonly waiting = new Map<number, number>();
  /** Highest seq released in order (-1 = none). */
  released = -1;
  /** Chunks handed out so far. */
  dispatched = 0;
  /** The reader reached the end of the split. */
  ended = false;
  /** Damage that ended the split early, reported once its chunks before it are released. */
  damage: DeadLetter | undefined;
  /** For csv/tsv: the split's header row, which workers given later chunks need. */
  header: string | undefined;
  /** The header row's line number (0 when it came from a checkpoint: before every line read). */
  headerLine = 0;

  /** Resuming from a checkpoint: the split's largest event time so far. */
  seed(maxTs: number): void {
    this.cumMax = maxTs;
  }

  /** Largest event time of the chunks whose maxes are known in order. */
  get knownMax(): number {
    return this.cumMax;
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

  /** Every chunk of an ended split has been released. */
  get complete(): boolean {
    return this.ended && this.released === this.dispatched - 1;
  }
}
