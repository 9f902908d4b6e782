import type { Rec } from '../../common/record.js';
import type { Step } from '../../plan/types.js';
import type { ResultChange } from '../contracts/result.js';
import { getPath } from '../expr/compile.js';
import type { Collector, Operator, StateEntry } from './operator.js';

export type DedupeStep = Extract<Step, { op: 'dedupe' }>;

/**
 * `dedupe F, ... [within DUR]` (Flink's deduplication, keep first row): passes on the first record
 * of each key, in input order. With `within`, a key's next record passes once its time is DUR or
 * more after the one that passed, and the key is forgotten as the watermark passes that point, so
 * state holds the keys seen within the last DUR. Without `within` every key is kept (bounded
 * input). Keyed state: one entry per key (the time it passed), checkpointed and restored.
 */
export class DedupeOperator implements Operator {
  /** Key → the time of the record that passed. */
  private readonly seen = new Map<string, number>();
  /** Keys in the order they passed, to forget them as the watermark moves on (with `within`). */
  private expiry: { key: string; at: number }[] = [];
  private head = 0;

  constructor(
    private readonly step: DedupeStep,
    private readonly out: Collector,
  ) {}

  process(rec: Rec, ts: number, change?: ResultChange): void {
    const key = JSON.stringify(this.step.fields.map((p) => getPath(rec, p)));
    const within = this.step.withinMs;
    const at = this.seen.get(key);
    if (at !== undefined && (within === undefined || ts < at + within)) return;
    this.seen.set(key, ts);
    if (within !== undefined) this.expiry.push({ key, at: ts });
    this.out.collect(rec, ts, change);
  }

  onWatermark(watermark: number): void {
    const within = this.step.withinMs;
    if (within === undefined) return;
    const q = this.expiry;
    while (this.head < q.length && q[this.head]!.at + within <= watermark) {
      const { key, at } = q[this.head++]!;
      // A key that passed again since is forgotten at its own later point.
      if (this.seen.get(key) === at) this.seen.delete(key);
    }
    if (this.head > 1024 && this.head * 2 > q.length) {
      this.expiry = q.slice(this.head);
      this.head = 0;
    }
  }

  onTimer(): void {}

  snapshot(visit: (entry: StateEntry) => void): void {
    for (const [key, at] of this.seen) visit({ key, value: at });
  }

  restore(entries: Iterable<StateEntry>): void {
    const restored: { key: string; at: number }[] = [];
    for (const { key, value } of entries) {
      this.seen.set(key, value as number);
      restored.push({ key, at: value as number });
    }
    if (this.step.withinMs !== undefined) this.expiry = restored.sort((a, b) => a.at - b.at);
  }

  finish(): void {}
}
