import type { Value } from '../../common/record.js';
import type { AccColumn } from '../aggregate/acc-column.js';
import type { AccSet } from './acc-set.js';

/**
 * The keys of one pane (window) and their accumulators, compact: one Map from key string to a
 * slot number, and the accumulators in columns by slot (see AccColumn). A key's `by` values are
 * not kept: the key string holds them (keyValsOf). About 80 bytes per key for `count by key`
 * (the Map entry, the key string, 8 bytes of count) against ~250 with an object per entry.
 */
export class PaneTable {
  readonly slots = new Map<string, number>();
  readonly cols: AccColumn[];

  constructor(accSet: AccSet) {
    this.cols = accSet.columns();
  }

  get size(): number {
    return this.slots.size;
  }

  /** The key's slot, made on first use. */
  slot(key: string): number {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.slots.size;
      for (const c of this.cols) c.push();
      this.slots.set(key, slot);
    }
    return slot;
  }

  add(key: string, args: Value[]): void {
    const slot = this.slot(key);
    const cols = this.cols;
    for (let i = 0; i < cols.length; i++) cols[i]!.add(slot, args[i]!);
  }

  /** Folds encoded accumulators (input after the key's so far) in. */
  mergeEncoded(key: string, encoded: unknown[]): void {
    const slot = this.slot(key);
    const cols = this.cols;
    for (let i = 0; i < cols.length; i++) cols[i]!.mergeEncoded(slot, encoded[i]);
  }

  accs(slot: number): unknown[] {
    return this.cols.map((c) => c.acc(slot));
  }

  encoded(slot: number): unknown[] {
    return this.cols.map((c) => c.encoded(slot));
  }
}
