import type { Value } from '../../common/record.js';

/**
 * Records that reached a keyed aggregation, as columns: what a worker ships to a key's owner
 * instead of pre-aggregates when pre-aggregating would not shrink anything (session windows:
 * a chunk's records mostly open sessions of their own). `args` has one column per aggregate,
 * null for an aggregate without argument (count).
 */
export interface RowColumns {
  keys: string[];
  ts: Float64Array;
  args: (Value[] | null)[];
}

/**
 * Collects rows for a window kind whose windows all end by `ts + spanMs` (sessions: the gap),
 * skipping late records like the store would (see WindowStore.add).
 */
export class RowBuffer {
  private keys: string[] = [];
  private ts: number[] = [];
  private args: (Value[] | null)[];

  constructor(
    private readonly spanMs: number,
    private readonly hasArg: boolean[],
  ) {
    this.args = hasArg.map((a) => (a ? [] : null));
  }

  /** Adds a record unless every window of it is complete at `lateWatermark` (then false: late). */
  add(ts: number, lateWatermark: number, key: string, args: Value[]): boolean {
    if (ts + this.spanMs - 1 <= lateWatermark) return false;
    this.keys.push(key);
    this.ts.push(ts);
    for (let j = 0; j < args.length; j++) this.args[j]?.push(args[j]!);
    return true;
  }

  /** The rows so far, split by `part(key)` into `parts` column sets, in input order; empties the buffer. */
  take(part: (key: string) => number, parts: number): RowColumns[] {
    const index: number[][] = Array.from({ length: parts }, () => []);
    for (let i = 0; i < this.keys.length; i++) index[part(this.keys[i]!)]!.push(i);
    const out = index.map((rows) => ({
      keys: rows.map((i) => this.keys[i]!),
      ts: Float64Array.from(rows, (i) => this.ts[i]!),
      args: this.args.map((col) => (col === null ? null : rows.map((i) => col[i]!))),
    }));
    this.keys = [];
    this.ts = [];
    this.args = this.hasArg.map((a) => (a ? [] : null));
    return out;
  }
}
