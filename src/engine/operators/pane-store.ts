import type { Value } from '../../common/record.js';
import type { RunChunk, RunInfo } from '../state/run-store.js';
import type { WindowAssigner } from '../window/assigner.js';
import { createAssigner, type PaneWindowSpec } from '../window/create-assigner.js';
import type { AccSet } from './acc-set.js';
import { keyValsOf } from './key.js';
import { sortKeys } from './key-order.js';
import { PaneTable } from './pane-table.js';
import { mergeRuns } from './run-merge.js';
import type { Spill } from './spill.js';
import type { EmitFn, PartialEntry, WindowStore } from './window-store.js';

interface Pane {
  start: number;
  end: number;
  table: PaneTable;
}

/** Entries per chunk of a run. */
const RUN_CHUNK = 1024;
/** Results between the pauses of `firing`. */
const FIRE_STEP = 4096;
/** See Spill.checkpointRunEntries. */
const CHECKPOINT_RUN_ENTRIES = 10_000;
/** More live runs than this are merged into one (a firing merges every run of its pane). */
const MAX_RUNS = 32;

/**
 * Window state for windows that do not depend on the key: tumbling, sliding and global
 * (global is the single window (-∞, +∞), complete only at the end of input). Each pane keeps
 * its keys in a compact PaneTable. With a `Spill`, state past the memory budget is written to
 * sorted runs and a firing pane merges them back, so state can be larger than memory.
 * Results come out in result order (compareResults).
 */
export class PaneStore implements WindowStore {
  readonly ordered = true;
  private readonly panes = new Map<number, Pane>();
  private readonly assigner: WindowAssigner;
  private readonly global: boolean;
  private firedWatermark = -Infinity;
  private entries = 0;
  /** Characters of the key strings in memory (part of the memory estimate). */
  private keyChars = 0;
  private readonly bytesPerEntry: number;
  /** Runs written and not yet retired, oldest first. */
  private runs: RunInfo[] = [];
  // The record being added, kept in fields so that the assigner callback allocates nothing.
  private curWatermark = 0;
  private curKey = '';
  private curArgs: Value[] = [];
  private curAdded = false;
  /** Windows of the current record so far: the n-th window of a record is mostly the n-th of the one before. */
  private curWindow = 0;
  /** The pane used for the n-th window of the last record (a pane is dropped here when it fires). */
  private recent: (Pane | undefined)[] = [];

  constructor(
    spec: PaneWindowSpec,
    private readonly accSet: AccSet,
    private readonly spill: Spill | null = null,
  ) {
    this.assigner = createAssigner(spec);
    this.global = spec.kind === 'global';
    // A Map entry, the key string's header and the slot's accumulators (~60 bytes live for a
    // count), times three: what the heap grows by per live byte (garbage between collections,
    // the copies a spill makes). Measured: a worker's heap stays near its share of the budget.
    this.bytesPerEntry = 3 * (72 + accSet.bytesPerEntry);
  }

  /** Open (window, key) entries in memory. */
  get size(): number {
    return this.entries;
  }

  /** Approximate heap bytes the state in memory takes (see the constructor). */
  get memoryBytes(): number {
    return this.entries * this.bytesPerEntry + 3 * this.keyChars;
  }

  /** The runs the state includes (see Spill). */
  get liveRuns(): readonly RunInfo[] {
    return this.runs;
  }

  add(ts: number, lateWatermark: number, key: string, _keyVals: Value[] | null, args: Value[]): boolean {
    // biome-ignore lint/complexity/useMathMinMax: per record, on the hot path
    this.curWatermark = lateWatermark > this.firedWatermark ? lateWatermark : this.firedWatermark;
    this.curKey = key;
    this.curArgs = args;
    this.curAdded = false;
    this.curWindow = 0;
    const entries = this.entries;
    this.assigner.assign(ts, this.addTo);
    // Memory grows only with a new entry: the budget is checked then, not for every record.
    if (this.entries !== entries && this.spill !== null && this.memoryBytes > this.spill.budgetBytes) this.spillAll();
    return this.curAdded;
  }

  private readonly addTo = (start: number, end: number): void => {
    const n = this.curWindow++;
    if (end - 1 <= this.curWatermark) return;
    let pane = this.recent[n];
    if (pane === undefined || pane.start !== start) {
      pane = this.pane(start, end);
      if (n < 16) this.recent[n] = pane;
    }
    const table = pane.table;
    const before = table.size;
    table.add(this.curKey, this.curArgs);
    if (table.size !== before) this.counted(this.curKey);
    this.curAdded = true;
  };

  private counted(key: string): void {
    this.entries++;
    this.keyChars += key.length;
  }

  private pane(start: number, end: number): Pane {
    let pane = this.panes.get(start);
    if (pane === undefined) {
      pane = { start, end, table: new PaneTable(this.accSet) };
      this.panes.set(start, pane);
    }
    return pane;
  }

  drain(visit: (e: PartialEntry) => void): void {
    for (const pane of this.panes.values()) {
      for (const [key, slot] of pane.table.slots) visit({ start: pane.start, end: pane.end, key, keyVals: null, accs: pane.table.encoded(slot) });
    }
    this.clearMemory();
  }

  /**
   * The entries in memory (the runs are referred to separately: see liveRuns). With a spill, a
   * large state in memory is first written as a run: the checkpoint then refers to it, and the
   * next one writes only what changed after it.
   */
  snapshot(visit: (e: PartialEntry) => void): void {
    if (this.spill !== null && this.entries > 0 && this.entries >= (this.spill.checkpointRunEntries ?? CHECKPOINT_RUN_ENTRIES)) this.spillAll();
    for (const pane of this.panes.values()) {
      for (const [key, slot] of pane.table.slots) visit({ start: pane.start, end: pane.end, key, keyVals: keyValsOf(key), accs: pane.table.encoded(slot) });
    }
  }

  restore(e: PartialEntry): void {
    this.merge(e);
  }

  /** Adopts runs of a checkpoint, older than any entry restored or added after. */
  restoreRuns(runs: readonly RunInfo[]): void {
    this.runs = [...runs];
    for (const run of runs) for (const p of run.panes) if (p.end - 1 > this.firedWatermark) this.pane(p.start, p.end);
  }

  restoreFired(watermark: number): void {
    this.firedWatermark = watermark;
  }

  merge(e: PartialEntry): void {
    if (e.end - 1 <= this.firedWatermark) return; // only with idle inputs: the window is gone
    const table = this.pane(e.start, e.end).table;
    const before = table.size;
    table.mergeEncoded(e.key, e.accs);
    if (table.size !== before) {
      this.counted(e.key);
      if (this.spill !== null && this.memoryBytes > this.spill.budgetBytes) this.spillAll();
    }
  }

  fire(watermark: number, emit: EmitFn): void {
    for (const _ of this.firing(watermark, emit));
  }

  /** Fires like `fire`, pausing (yielding) every few thousand results. */
  *firing(watermark: number, emit: EmitFn): Generator<void> {
    if (watermark > this.firedWatermark) this.firedWatermark = watermark;
    const due: Pane[] = [];
    for (const pane of this.panes.values()) if (pane.end - 1 <= watermark) due.push(pane);
    if (due.length === 0) return;
    due.sort(byWindow);
    // With runs, memory goes to a run too: the merge then streams from disk alone, and the
    // memory's state is freed before the results are made.
    if (this.runs.length > 0 && this.entries > 0) this.spillAll();
    this.recent = [];
    for (const pane of due) {
      this.panes.delete(pane.start);
      this.entries -= pane.table.size;
      for (const k of pane.table.slots.keys()) this.keyChars -= k.length;
      yield* this.emitPane(pane, emit);
    }
    this.retireRuns();
  }

  peek(emit: EmitFn): void {
    const panes = [...this.panes.values()].sort(byWindow);
    for (const pane of panes) for (const _ of this.emitPane(pane, emit));
  }

  /** A pane's results in key order: its runs' entries merged with those in memory. */
  private *emitPane(pane: Pane, emit: EmitFn): Generator<void> {
    const window = this.global ? null : { start: pane.start, end: pane.end };
    const table = pane.table;
    const keys = sortKeys([...table.slots.keys()]);
    const sources = this.runs.length > 0 ? this.paneSources(this.runs, pane) : [];
    let n = 0;
    if (sources.length === 0) {
      for (const key of keys) {
        emit(window, keyValsOf(key), table.accs(table.slots.get(key)!));
        if (++n % FIRE_STEP === 0) yield;
      }
      return;
    }
    sources.push(memoryChunks(table, keys));
    for (const { key, encoded } of mergeRuns(sources)) {
      const accs = this.accSet.decode(encoded[0]!);
      for (let i = 1; i < encoded.length; i++) this.accSet.merge(accs, this.accSet.decode(encoded[i]!));
      emit(window, keyValsOf(key), accs);
      if (++n % FIRE_STEP === 0) yield;
    }
  }

  /** Writes everything in memory as one run and empties memory (the panes stay open). */
  private spillAll(): void {
    const spill = this.spill!;
    const panes = [...this.panes.values()].filter((p) => p.table.size > 0).sort(byWindow);
    const run = spill.runs.write(panes.map((p) => ({ start: p.start, end: p.end, chunks: memoryChunks(p.table, sortKeys([...p.table.slots.keys()])) })));
    this.runs.push(run);
    spill.onSpill?.(run);
    for (const pane of panes) pane.table = new PaneTable(this.accSet);
    this.recent = [];
    this.entries = 0;
    this.keyChars = 0;
    if (this.runs.length > MAX_RUNS) this.compact();
  }

  /**
   * Merges every live run into one. Only open panes are kept: a pane that was emitted is gone
   * from `panes` (one about to fire is still there, though the fired watermark passed it).
   */
  private compact(): void {
    const spill = this.spill!;
    const old = this.runs;
    const windows = new Map<string, { start: number; end: number }>();
    for (const run of old) for (const p of run.panes) if (this.panes.get(p.start)?.end === p.end) windows.set(`${p.start}:${p.end}`, p);
    const panes = [...windows.values()].sort(byWindow).map((w) => ({ start: w.start, end: w.end, chunks: this.mergedChunks(old, w) }));
    this.runs = [spill.runs.write(panes)];
    spill.onSpill?.(this.runs[0]!);
    spill.retire(old.map((r) => r.id));
  }

  /** The entries of window `w` merged over `runs`, as run chunks. */
  private *mergedChunks(runs: readonly RunInfo[], w: { start: number; end: number }): Generator<RunChunk> {
    const sources = this.paneSources(runs, w);
    const aggs = this.accSet.columns().length;
    let chunk: RunChunk = { keys: [], accs: Array.from({ length: aggs }, () => []) };
    for (const { key, encoded } of mergeRuns(sources)) {
      let merged = encoded[0]!;
      if (encoded.length > 1) {
        const accs = this.accSet.decode(merged);
        for (let i = 1; i < encoded.length; i++) this.accSet.merge(accs, this.accSet.decode(encoded[i]!));
        merged = this.accSet.encode(accs);
      }
      chunk.keys.push(key);
      for (let j = 0; j < aggs; j++) chunk.accs[j]!.push(merged[j]);
      if (chunk.keys.length === RUN_CHUNK) {
        yield chunk;
        chunk = { keys: [], accs: Array.from({ length: aggs }, () => []) };
      }
    }
    if (chunk.keys.length > 0) yield chunk;
  }

  /** The chunks of window `w` in each of `runs` that has it, oldest first. */
  private paneSources(runs: readonly RunInfo[], w: { start: number; end: number }): Iterable<RunChunk>[] {
    const sources: Iterable<RunChunk>[] = [];
    for (const run of runs) {
      const i = run.panes.findIndex((p) => p.start === w.start && p.end === w.end);
      if (i >= 0) sources.push(this.spill!.runs.read(run.id, i));
    }
    return sources;
  }

  /** Runs whose every pane has fired are no longer needed. */
  private retireRuns(): void {
    const done = this.runs.filter((r) => r.panes.every((p) => p.end - 1 <= this.firedWatermark));
    if (done.length === 0) return;
    this.runs = this.runs.filter((r) => !done.includes(r));
    this.spill!.retire(done.map((r) => r.id));
  }

  private clearMemory(): void {
    this.panes.clear();
    this.recent = [];
    this.entries = 0;
    this.keyChars = 0;
  }
}

function byWindow(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.end - b.end || a.start - b.start;
}

/** A table's entries as run chunks, in the order of `keys`. */
function* memoryChunks(table: PaneTable, keys: string[]): Generator<RunChunk> {
  const cols = table.cols;
  for (let from = 0; from < keys.length; from += RUN_CHUNK) {
    const part = keys.slice(from, from + RUN_CHUNK);
    const slots = part.map((k) => table.slots.get(k)!);
    const accs = cols.map((c) => slots.map((slot) => c.encoded(slot)));
    yield { keys: part, accs };
  }
}
