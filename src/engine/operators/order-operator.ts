import type { Rec, Value } from '../../common/record.js';
import type { Step } from '../../plan/types.js';
import type { ResultChange } from '../contracts/result.js';
import { compileExpr, getPath } from '../expr/compile.js';
import type { Collector, Operator, StateEntry } from './operator.js';
import { compareValues } from './result-order.js';
import { SortedRuns } from './sorted-runs.js';

export type OrderStep = Extract<Step, { op: 'order' }>;

interface Held {
  rec: Rec;
  ts: number;
  change?: ResultChange;
  /** The values of the order keys. */
  keys: Value[];
  /** Arrival order: ties keep it. */
  seq: number;
}

interface Group {
  window: { start: number; end: number } | null;
  part: Value[];
  /** `top`: in order, at most N. `sort`: in arrival order, sorted when spilled or emitted. */
  rows: Held[];
  /** `sort`: what did not fit in memory, as sorted runs on disk. */
  runs?: SortedRuns<Held>;
}

/** A `sort` group holds this many records in memory; past it they are sorted and spilled to disk. */
export const SORT_ROWS_IN_MEMORY = 100_000;

/**
 * `top N` and `sort` (Flink's Window Top-N): the records of each window — of the whole input when
 * they have none — are held per `by` group, in order (ties in arrival order), `top` keeping the
 * first N only (its state is N records per group and window); a window's are emitted once the
 * watermark passes its end, the others at the end of the input. Running results (`emit every`)
 * are not held: only the final version of a window's result counts. Checkpointed as entries.
 */
export class OrderOperator implements Operator {
  private readonly groups = new Map<string, Group>();
  private readonly keyFns: ((rec: Rec) => Value)[];
  private seq = 0;

  constructor(
    private readonly step: OrderStep,
    private readonly out: Collector,
    /** `sort`: records held in memory per group before a sorted run goes to disk. */
    private readonly spillRows = SORT_ROWS_IN_MEMORY,
  ) {
    this.keyFns = step.keys.map((k) => compileExpr(k.expr));
  }

  process(rec: Rec, ts: number, change?: ResultChange): void {
    if (change !== undefined && !change.final) return;
    const window = change?.window ?? null;
    const part = this.step.by.map((p) => getPath(rec, p));
    const key = JSON.stringify([window?.start ?? null, window?.end ?? null, part]);
    let g = this.groups.get(key);
    if (g === undefined) {
      g = { window: window ? { start: window.start, end: window.end } : null, part, rows: [] };
      this.groups.set(key, g);
    }
    const held: Held = { rec, ts, keys: this.keyFns.map((f) => f(rec)), seq: this.seq++ };
    if (change !== undefined) held.change = change;
    if (this.step.n !== null) {
      this.insert(g.rows, held);
      return;
    }
    g.rows.push(held);
    if (g.rows.length >= this.spillRows) {
      g.runs ??= new SortedRuns<Held>();
      g.runs.write(g.rows.sort(this.compare));
      g.rows = [];
    }
  }

  onWatermark(watermark: number): void {
    // At +∞ the input is complete: the groups without a window go too, before the steps after
    // this one fire (an aggregation after `top` over the whole input).
    this.emit((g) => (g.window === null ? watermark === Number.POSITIVE_INFINITY : g.window.end - 1 <= watermark));
  }

  onTimer(): void {}

  finish(): void {
    this.emit(() => true);
  }

  snapshot(visit: (entry: StateEntry) => void): void {
    for (const [key, g] of this.groups) {
      const rows = g.rows.map(({ rec, ts, change, seq }) => ({ rec, ts, change, seq }));
      // A sort's spilled runs are part of its state (read back from disk for the checkpoint).
      g.runs?.forEach(({ rec, ts, change, seq }) => {
        rows.push({ rec, ts, change, seq });
      });
      visit({ key, value: { window: g.window, part: g.part, rows } });
    }
  }

  restore(entries: Iterable<StateEntry>): void {
    for (const { key, value } of entries) {
      const v = value as { window: Group['window']; part: Value[]; rows: Omit<Held, 'keys'>[] };
      const rows = v.rows.map((r) => ({ ...r, keys: this.keyFns.map((f) => f(r.rec)) }));
      this.groups.set(key, { window: v.window, part: v.part, rows });
      for (const r of rows) if (r.seq >= this.seq) this.seq = r.seq + 1;
    }
  }

  /** Emits and forgets the complete groups: by window end, start, then group, each in order. */
  private emit(complete: (g: Group) => boolean): void {
    const due = [...this.groups.entries()].filter(([, g]) => complete(g));
    if (due.length === 0) return;
    due.sort(([, a], [, b]) => compareGroups(a, b));
    for (const [key, g] of due) {
      this.groups.delete(key);
      if (this.step.n === null) g.rows.sort(this.compare);
      // A run on disk holds an infinite time (a result without a window) as null (JSON).
      const visit = (r: Held): void => this.out.collect(r.rec, r.ts ?? Number.POSITIVE_INFINITY, r.change);
      if (g.runs) g.runs.merge(g.rows, this.compare, visit);
      else for (const r of g.rows) visit(r);
    }
  }

  /** Into `rows` in order (after equal ones); `top` drops what falls past N. */
  private insert(rows: Held[], held: Held): void {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(rows[mid]!, held) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const n = this.step.n;
    if (n !== null && lo >= n) return;
    rows.splice(lo, 0, held);
    if (n !== null && rows.length > n) rows.pop();
  }

  private readonly compare = (a: Held, b: Held): number => {
    const keys = this.step.keys;
    for (let i = 0; i < keys.length; i++) {
      const x = a.keys[i]!;
      const y = b.keys[i]!;
      // null last whichever the direction.
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const c = compareValues(x, y);
      if (c !== 0) return keys[i]!.desc ? -c : c;
    }
    return a.seq - b.seq;
  };
}

/** null last (either way round), else the order of results (numbers, then strings, ...). */
function compareOrdered(a: Value, b: Value): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compareValues(a, b);
}

function compareGroups(a: Group, b: Group): number {
  const ae = a.window?.end ?? Number.POSITIVE_INFINITY;
  const be = b.window?.end ?? Number.POSITIVE_INFINITY;
  if (ae !== be) return ae < be ? -1 : 1;
  const as = a.window?.start ?? Number.NEGATIVE_INFINITY;
  const bs = b.window?.start ?? Number.NEGATIVE_INFINITY;
  if (as !== bs) return as < bs ? -1 : 1;
  for (let i = 0; i < a.part.length; i++) {
    const c = compareOrdered(a.part[i]!, b.part[i]!);
    if (c !== 0) return c;
  }
  return 0;
}
