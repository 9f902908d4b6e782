import type { Step } from '../../plan/types.js';
import { compileExpr, getPath } from '../expr/compile.js';
import { setField, type Rec, type Value } from '../../common/record.js';
import { formatIso } from '../../common/time/format-iso.js';
import type { TimeWindow } from '../window/window.js';
import { AccSet } from './acc-set.js';
import { CountStore } from './count-store.js';
import { keyOf } from './key.js';
import { PaneStore } from './pane-store.js';
import { createAssigner, type PaneWindowSpec } from '../window/create-assigner.js';
import { RowBuffer, type RowColumns } from './row-buffer.js';
import { SessionStore } from './session-store.js';
import type { ResultChange } from '../contracts/result.js';
import type { Collector, Operator, StateEntry } from './operator.js';
import { compareResults } from './result-order.js';
import type { EmitFn, PartialEntry, WindowStore } from './window-store.js';
import type { RunInfo } from '../state/run-store.js';
import type { Spill } from './spill.js';

export type AggregateStep = Extract<Step, { op: 'aggregate' }>;

/** Records a worker pre-aggregates from each chunk before it decides whether rows ship cheaper. */
const ROWS_SAMPLE = 512;

/** The end of the last window of `ts`: a record is late when that one is complete. */
function lastEndOf(spec: PaneWindowSpec): (ts: number) => number {
  const assigner = createAssigner(spec);
  let last = -Infinity;
  const take = (_start: number, end: number): void => {
    if (end > last) last = end;
  };
  return (ts) => {
    last = -Infinity;
    assigner.assign(ts, take);
    return last;
  };
}

/** Runs of a checkpoint to restore (see AggregateOperator.restore). */
export interface RestoredRuns {
  adopt: readonly RunInfo[];
  foreign: readonly RunInfo[];
  keep: (key: string) => boolean;
}

/** Most single-value keys remembered with their key strings (then the cache starts over). */
const KEY_CACHE_SIZE = 1 << 16;
/** String keys shorter than this are concatenated, not cached (V8 concatenates below 13 chars flat). */
const SHORT_KEY = 12;

/**
 * The window + aggregate step: groups records by key and window, and turns fired windows into
 * output records (window_start, window_end, the `by` fields, the aggregates in order; with
 * `emit every`, a trailing `final` flag tells early results from the final one), each with its
 * change (window and group) and, as its time, the window's last millisecond.
 *
 * As an `Operator` it is one instance that sees every record (after another keyed step). In
 * parallel, instances are split in two (local-global): each worker's buffer (`add`, then `drain`
 * and `takeRows` per chunk) and the key's owner (`merge`, `addRows`, `firing`).
 */
export class AggregateOperator implements Operator {
  private readonly accSet: AccSet;
  private readonly store: WindowStore;
  private readonly keyPaths: string[][];
  private readonly argFns: (((rec: Rec) => Value) | null)[];
  private readonly hasWindowFields: boolean;
  private readonly markFinal: boolean;
  /** Scratch arrays for `add` (stores copy what they keep). */
  private readonly keyVals: Value[];
  private readonly args: Value[];
  /** Key strings of single string/number keys, so a repeated key is not rebuilt per record. */
  private readonly keyCache = new Map<Value, string>();

  /**
   * In a worker's buffer: records kept as rows instead of pre-aggregated — always for session
   * windows (a chunk's records mostly open sessions of their own), else per chunk (see `rowsNow`).
   */
  private readonly rows: RowBuffer | null;
  /** The largest end of a window this operator fired (−∞ before the first; +∞ for the global window). */
  maxFiredEnd = -Infinity;
  /** A whole-input result without `by` is still owed when the input ends empty (see the constructor). */
  private owesEmptyResult: boolean;

  /**
   * `out` receives the results of each firing (and each early emission) in result order
   * (see compareResults), with their changes, by which the results of several owners merge.
   * `buffer`: this operator is a worker's buffer for one chunk, whose content is shipped to the
   * keys' owners: pre-aggregates (`drain`) and rows (`takeRows`) where pre-aggregating would
   * shrink nothing (see `rows`).
   * `ownsEmptyKey`: this instance fires the key of no `by` fields (of the instances that fire,
   * exactly one does): a whole-input aggregation without `by` over no records then still gives
   * one result at the end, as SQL's `SELECT count(*)` does (`{"count":0}`).
   */
  constructor(
    private readonly step: AggregateStep,
    private readonly out: Collector,
    buffer = false,
    ownsEmptyKey = !buffer,
    /** Records whose windows had all fired (as an Operator; see `process`). */
    private readonly onLate: (rec: Rec) => void = () => {},
    /** State past a memory budget goes to sorted runs (tumbling, sliding and global windows). */
    private readonly spill: Spill | null = null,
  ) {
    this.accSet = new AccSet(step.aggs);
    const w = step.window;
    this.store =
      w.kind === 'session'
        ? new SessionStore(w.gapMs, this.accSet)
        : w.kind === 'count'
          ? new CountStore(w.size, this.accSet)
          : new PaneStore(w, this.accSet, buffer ? null : spill);
    this.keyPaths = step.by;
    this.argFns = step.aggs.map((a) => (a.arg ? compileExpr(a.arg) : null));
    this.hasWindowFields = w.kind === 'tumbling' || w.kind === 'sliding' || w.kind === 'session';
    this.markFinal = step.emitEveryMs !== undefined;
    this.keyVals = this.keyPaths.map(() => null);
    this.args = this.argFns.map(() => null);
    const hasArg = this.argFns.map((f) => f !== null);
    this.rows = !buffer || w.kind === 'count' ? null : new RowBuffer(w.kind === 'session' ? (ts) => ts + w.gapMs : lastEndOf(w), hasArg);
    this.rowsAlways = w.kind === 'session';
    this.owesEmptyResult = ownsEmptyKey && !buffer && step.wholeInput && step.by.length === 0;
  }

  /**
   * A worker's buffer of tumbling, sliding or global windows pre-aggregates a chunk's first
   * SAMPLE records; when that made about as many entries as records (its keys do not repeat:
   * user or request ids), the rest of the chunk goes as rows, which cost less to make, ship
   * and fold in than pre-aggregates that shrink nothing. Decided again for every chunk.
   */
  private rowsNow = false;
  private readonly rowsAlways: boolean;
  private chunkAdds = 0;

  /** Open (window, key) entries. */
  get size(): number {
    return this.store.size;
  }

  /**
   * Adds a record with event time `ts`. `lateWatermark` is the watermark of the record's input
   * just before it: windows complete at it are skipped. Returns false when the record is late.
   */
  add(rec: Rec, ts: number, lateWatermark: number): boolean {
    const paths = this.keyPaths;
    const keyVals = this.keyVals;
    for (let i = 0; i < paths.length; i++) keyVals[i] = readKey(rec, paths[i]!);
    const fns = this.argFns;
    const args = this.args;
    for (let i = 0; i < fns.length; i++) {
      const f = fns[i];
      args[i] = f === null ? true : f!(rec);
    }
    const key = this.keyFor(keyVals);
    const rows = this.rows;
    if (rows !== null && (this.rowsAlways || this.rowsNow)) return rows.add(ts, lateWatermark, key, args);
    const added = this.store.add(ts, lateWatermark, key, keyVals, args);
    if (rows !== null && ++this.chunkAdds === ROWS_SAMPLE && this.store.size >= ROWS_SAMPLE * 0.9) this.rowsNow = true;
    return added;
  }

  /**
   * A worker's buffer at the end of a chunk: the rows buffered since the last call, split by
   * `part(key)` (see RowBuffer.take), or null when there are none; the next chunk decides anew
   * whether it ships rows.
   */
  takeRows(part: (key: string) => number, parts: number): RowColumns[] | null {
    this.rowsNow = false;
    this.chunkAdds = 0;
    return this.rows === null || this.rows.size === 0 ? null : this.rows.take(part, parts);
  }

  /**
   * Adds rows shipped by a worker, in order. Their lateness was decided there; a row behind
   * what this store fired already (only with idle inputs) is dropped like a merged pre-aggregate.
   */
  addRows(rows: RowColumns): void {
    const { keys, ts, late } = rows;
    const cols = rows.args;
    const args = this.args;
    for (let i = 0; i < keys.length; i++) {
      for (let j = 0; j < cols.length; j++) {
        const col = cols[j];
        args[j] = col === null || col === undefined ? true : col[i]!;
      }
      this.store.add(ts[i]!, late[i]!, keys[i]!, null, args);
    }
  }

  /**
   * The key string of the `by` values. A short string key is simply concatenated: V8 makes a
   * flat string then, cheaper than a lookup in a large cache (user ids); longer strings and
   * numbers go through the cache, so the key string is not rebuilt and hashed again per record.
   */
  private keyFor(keyVals: Value[]): string {
    if (keyVals.length !== 1) return keyOf(keyVals);
    const v = keyVals[0]!;
    if (typeof v === 'string' && v.length < SHORT_KEY) return 's' + v;
    if (typeof v !== 'string' && typeof v !== 'number') return keyOf(keyVals);
    let key = this.keyCache.get(v);
    if (key === undefined) {
      key = keyOf(keyVals);
      if (this.keyCache.size >= KEY_CACHE_SIZE) this.keyCache.clear();
      this.keyCache.set(v, key);
    }
    return key;
  }

  /** Ships the pre-aggregates (see WindowStore.drain). */
  drain(visit: (e: PartialEntry) => void): void {
    this.store.drain(visit);
  }

  /** Checkpoint state as entries: one per open (window, key), keyed by the group's key. */
  snapshot(visit: (e: StateEntry) => void): void {
    this.store.snapshot((e) => visit({ key: e.key, value: e }));
  }

  /** The spilled runs the state includes besides what `snapshot` visits. */
  get runs(): readonly RunInfo[] {
    return this.store instanceof PaneStore ? this.store.liveRuns : [];
  }

  /**
   * Restores a checkpoint: the watermark the job had fired at (events behind it stay late), its
   * runs — `adopt`ed as they are (this instance owns the same key groups as the one that wrote
   * them), or `foreign` ones read and merged for the keys `keep` says are this instance's — then
   * its entries (see `snapshot`), which are newer than any run.
   */
  restore(entries: Iterable<StateEntry>, firedWatermark = -Infinity, runs?: RestoredRuns): void {
    this.store.restoreFired(firedWatermark);
    if (runs && this.store instanceof PaneStore) {
      const store = this.store;
      store.restoreRuns(runs.adopt);
      for (const run of runs.foreign) {
        run.panes.forEach((p, i) => {
          for (const chunk of this.spill!.runs.read(run.id, i)) {
            chunk.keys.forEach((key, j) => {
              if (runs.keep(key)) store.merge({ start: p.start, end: p.end, key, keyVals: null, accs: chunk.accs.map((col) => col[j]) });
            });
          }
        });
      }
      this.spill?.retire(runs.foreign.map((r) => r.id));
    }
    for (const e of entries) this.store.restore(e.value as PartialEntry);
    if (firedWatermark === Infinity) this.owesEmptyResult = false;
  }

  /** Folds in a pre-aggregate shipped by a worker. */
  merge(e: PartialEntry): void {
    this.store.merge(e);
  }

  /** Fires every window complete at `watermark` (+∞ at the end of a bounded input). */
  fire(watermark: number): void {
    for (const _ of this.firing(watermark));
  }

  /**
   * `fire`, pausing (yielding) every few thousand results: a firing of millions of keys is
   * handed on in parts, never held whole.
   */
  *firing(watermark: number): Generator<void> {
    const empty = watermark === Infinity && this.owesEmptyResult && this.store.size === 0 && !this.hasRuns;
    if (watermark === Infinity) this.owesEmptyResult = false;
    if (empty) {
      this.emitSorted(false, (emit) => emit(null, [], this.accSet.create()));
      return;
    }
    if (this.store.ordered) {
      yield* this.store.firing(watermark, this.emitter(false)) as Generator<void>;
      return;
    }
    this.emitSorted(false, (emit) => this.store.fire(watermark, emit));
  }

  /** Emits running results of the open windows (`emit every`). */
  emitEarly(): void {
    if (this.store.ordered) this.store.peek(this.emitter(true));
    else this.emitSorted(true, (emit) => this.store.peek(emit));
  }

  /** True when some of the state is in spilled runs (see PaneStore). */
  private get hasRuns(): boolean {
    return this.store instanceof PaneStore && this.store.liveRuns.length > 0;
  }

  /** Emits each result as it comes (the store gives them in result order). */
  private emitter(early: boolean): EmitFn {
    return (w, keyVals, accs) => {
      const end = w ? w.end : Infinity;
      if (!early && end > this.maxFiredEnd) this.maxFiredEnd = end;
      const change: ResultChange = { window: w, group: keyVals, final: !early };
      this.out.collect(this.build(w, keyVals, accs, !early), w ? w.end - 1 : Infinity, change);
    };
  }

  private emitSorted(early: boolean, run: (emit: EmitFn) => void): void {
    const items: { change: ResultChange; rec: Rec }[] = [];
    run((w, keyVals, accs) => {
      // The store's window object is shared by its results (windows are never changed once emitted).
      const change: ResultChange = { window: w, group: keyVals, final: !early };
      const end = w ? w.end : Infinity;
      if (!early && end > this.maxFiredEnd) this.maxFiredEnd = end;
      items.push({ change, rec: this.build(w, keyVals, accs, !early) });
    });
    if (items.length > 1) items.sort((a, b) => compareResults(a.change, b.change));
    for (const it of items) this.out.collect(it.rec, it.change.window ? it.change.window.end - 1 : Infinity, it.change);
  }

  // The Operator contract: one instance that sees every record.

  /** Adds a record; one whose windows had all fired goes to `onLate`. */
  process(rec: Rec, ts: number, change?: ResultChange): void {
    // Over the results of an earlier aggregation only their final versions count (`emit every`'s
    // running results would be counted twice).
    if (change !== undefined && !change.final) return;
    if (!this.add(rec, ts, -Infinity)) this.onLate(rec);
  }

  onWatermark(watermark: number): void {
    this.fire(watermark);
  }

  onTimer(): void {}

  finish(): void {
    this.fire(Infinity);
  }

  private build(window: TimeWindow | null, keyVals: Value[], accs: unknown[], final: boolean): Rec {
    const rec: Rec = {};
    if (this.hasWindowFields && window !== null) {
      rec.window_start = formatIso(window.start);
      rec.window_end = formatIso(window.end);
    }
    const names = this.step.byNames;
    for (let i = 0; i < names.length; i++) setField(rec, names[i]!, keyVals[i]!);
    const results = this.accSet.results(accs);
    const aggs = this.step.aggs;
    for (let i = 0; i < aggs.length; i++) setField(rec, aggs[i]!.as, results[i]!);
    if (this.markFinal) rec.final = final;
    return rec;
  }
}

function readKey(rec: Rec, path: string[]): Value {
  if (path.length === 1) {
    const v = rec[path[0]!];
    return v === undefined ? null : v;
  }
  return getPath(rec, path);
}
