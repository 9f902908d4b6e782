import { keyValsOf } from '../../operators/key.js';
import type { PartialEntry } from '../../operators/window-store.js';

/**
 * The partial aggregates of one chunk for one owner, column by column: what crosses threads.
 * Structured clone costs per object, so an array of entry objects (each with two nested
 * arrays) costs about twenty times more to send than these few arrays; the `by` values are
 * not sent at all, since the key string holds them (see keyValsOf).
 */
export interface PartialColumns {
  starts: Float64Array;
  ends: Float64Array;
  keys: string[];
  /** Per aggregate: the encoded accumulator of each entry. */
  accs: unknown[][];
}

/** Columns of `entries` (each with `aggs` encoded accumulators). */
export function toColumns(entries: PartialEntry[], aggs: number): PartialColumns {
  const n = entries.length;
  const cols: PartialColumns = { starts: new Float64Array(n), ends: new Float64Array(n), keys: new Array<string>(n), accs: [] };
  for (let j = 0; j < aggs; j++) cols.accs.push(new Array<unknown>(n));
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    cols.starts[i] = e.start;
    cols.ends[i] = e.end;
    cols.keys[i] = e.key;
    for (let j = 0; j < aggs; j++) cols.accs[j]![i] = e.accs[j];
  }
  return cols;
}

/** The entries of `cols`, in order. */
export function forEachEntry(cols: PartialColumns, visit: (e: PartialEntry) => void): void {
  const { starts, ends, keys, accs } = cols;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const row = new Array<unknown>(accs.length);
    for (let j = 0; j < accs.length; j++) row[j] = accs[j]![i];
    visit({ start: starts[i]!, end: ends[i]!, key, keyVals: keyValsOf(key), accs: row });
  }
}
