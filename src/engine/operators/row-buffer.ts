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
  /** Per row: the watermark its lateness was decided at (the store skips windows complete at it). */
  late: Float64Array;
  args: (Value[] | null)[];
}

/**
 * Collects rows, skipping late records like the store would (see WindowStore.add): a record is
 * late when its last window, ending at `lastEnd(ts)`, is complete at its late watermark.
 */
export class RowBuffer {
  private keys: string[] = [];
  private ts: number[] = [];
  private late: number[] = [];
  private args: (Value[] | null)[];

  constructor(
    private readonly lastEnd: (ts: number) => number,
    private readonly hasArg: boolean[],
  ) {
    this.args = hasArg.map((a) => (a ? [] : null));
  }

  get size(): number {
    return this.keys.length;
  }

  /** Adds a record unless every window of it is complete at `lateWatermark` (then false: late). */
  add(ts: number, lateWatermark: number, key: string, args: Value[]): boolean {
    if (this.lastEnd(ts) - 1 <= lateWatermark) return false;
    this.keys.push(key);
    this.ts.push(ts);
    this.late.push(lateWatermark);
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
      late: Float64Array.from(rows, (i) => this.late[i]!),
      args: this.args.map((col) => (col === null ? null : rows.map((i) => col[i]!))),
    }));
    this.keys = [];
    this.ts = [];
    this.late = [];
    this.args = this.hasArg.map((a) => (a ? [] : null));
    return out;
  }
}
