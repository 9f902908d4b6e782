import type { Rec, Value } from '../../../common/record.js';
import type { ResultChange } from '../../contracts/result.js';

/**
 * An owner's results of one round as they cross threads: the records, and their changes column
 * by column (structured clone costs per object, so no change object is sent). A result without
 * a window has NaN bounds. The time of a result follows from its change (see timeOf).
 */
export interface FiredColumns {
  recs: Rec[];
  starts: Float64Array;
  ends: Float64Array;
  groups: Value[][];
  /** 1 for a final result, 0 for an early one. */
  finals: Uint8Array;
}

/** Collects results into columns. */
export class FiredCollector {
  private recs: Rec[] = [];
  private starts: number[] = [];
  private ends: number[] = [];
  private groups: Value[][] = [];
  private finals: number[] = [];

  /** Results collected since the last `take`. */
  get size(): number {
    return this.recs.length;
  }

  add(rec: Rec, change: ResultChange): void {
    this.recs.push(rec);
    this.starts.push(change.window ? change.window.start : NaN);
    this.ends.push(change.window ? change.window.end : NaN);
    this.groups.push(change.group);
    this.finals.push(change.final ? 1 : 0);
  }

  /** The columns collected since the last call. */
  take(): FiredColumns {
    const out: FiredColumns = {
      recs: this.recs,
      starts: Float64Array.from(this.starts),
      ends: Float64Array.from(this.ends),
      groups: this.groups,
      finals: Uint8Array.from(this.finals),
    };
    this.recs = [];
    this.starts = [];
    this.ends = [];
    this.groups = [];
    this.finals = [];
    return out;
  }
}

/**
 * Each result of `cols` with its change (consecutive results of one window share its window
 * object, as they did where they were made).
 */
export function forEachFired(cols: FiredColumns, visit: (rec: Rec, change: ResultChange) => void): void {
  let window: { start: number; end: number } | null = null;
  for (let i = 0; i < cols.recs.length; i++) {
    const start = cols.starts[i]!;
    const end = cols.ends[i]!;
    if (end !== end) window = null;
    else if (window === null || window.start !== start || window.end !== end) window = { start, end };
    visit(cols.recs[i]!, { window: end !== end ? null : window, group: cols.groups[i]!, final: cols.finals[i] === 1 });
  }
}

/** The time of a result: its window's last millisecond, +∞ without a window. */
export function timeOf(change: ResultChange): number {
  return change.window ? change.window.end - 1 : Infinity;
}
