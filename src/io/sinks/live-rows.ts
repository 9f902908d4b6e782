import type { Rec, Value } from '../../common/record.js';
import type { ResultChange } from '../../engine/contracts/result.js';

/** One row of the live table: the latest version of a result (or an output record). */
export interface LiveRow {
  rec: Rec;
  /** False while the window is open (a running value that will change). */
  final: boolean;
  end: number;
  start: number;
  group: Value[];
  /** Arrival order: records without a result key keep it. */
  seq: number;
  key: string;
}

/**
 * The rows a live view shows: each result keyed by its window and group, replaced by every later
 * version (results as a changelog); records of a pipeline without aggregation appended. Only the
 * `keep` most recent windows' rows (by window end) are kept, so a job that runs for months holds a
 * bounded number of rows.
 */
export class LiveRows {
  private readonly byKey = new Map<string, LiveRow>();
  private seq = 0;

  constructor(private readonly keep = 2000) {}

  put(rec: Rec, change?: ResultChange): void {
    const seq = this.seq++;
    if (change === undefined) {
      const key = `#${seq}`;
      this.byKey.set(key, { rec, final: true, end: seq, start: seq, group: [], seq, key });
    } else {
      const end = change.window?.end ?? Number.POSITIVE_INFINITY;
      const start = change.window?.start ?? Number.NEGATIVE_INFINITY;
      const key = `${start}|${end}|${JSON.stringify(change.group)}`;
      const old = this.byKey.get(key);
      this.byKey.set(key, { rec, final: change.final, end, start, group: change.group, seq: old?.seq ?? seq, key });
    }
    if (this.byKey.size > this.keep * 1.25) this.trim();
  }

  /** Every row in result order: by window end, start, then group; records in arrival order. */
  rows(): LiveRow[] {
    return [...this.byKey.values()].sort(compareRows);
  }

  get size(): number {
    return this.byKey.size;
  }

  private trim(): void {
    const rows = this.rows();
    for (const r of rows.slice(0, rows.length - this.keep)) this.byKey.delete(r.key);
  }
}

function compareRows(a: LiveRow, b: LiveRow): number {
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  for (let i = 0; i < Math.min(a.group.length, b.group.length); i++) {
    const c = compareValue(a.group[i]!, b.group[i]!);
    if (c !== 0) return c;
  }
  return a.seq - b.seq;
}

/** Numbers before strings before anything else; numbers by value, strings by code units. */
function compareValue(a: Value, b: Value): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function rank(v: Value): number {
  return typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2;
}
