import type { Value } from '../../common/record.js';
import type { WindowAssigner } from '../window/assigner.js';
import { createAssigner, type PaneWindowSpec } from '../window/create-assigner.js';
import type { AccSet } from './acc-set.js';
import { keyValsOf } from './key.js';
import type { EmitFn, KeyEntry, PartialEntry, WindowStore } from './window-store.js';

interface Pane {
  start: number;
  end: number;
  keys: Map<string, KeyEntry>;
}

/**
 * Window state for windows that do not depend on the key: tumbling, sliding and global
 * (global is the single window (-∞, +∞), complete only at the end of input).
 */
export class PaneStore implements WindowStore {
  private readonly panes = new Map<number, Pane>();
  private readonly assigner: WindowAssigner;
  private readonly global: boolean;
  private firedWatermark = -Infinity;
  private entries = 0;
  // The record being added, kept in fields so that the assigner callback allocates nothing.
  private curWatermark = 0;
  private curKey = '';
  private curKeyVals: Value[] | null = null;
  private curArgs: Value[] = [];
  private curAdded = false;
  /** Windows of the current record so far: the n-th window of a record is mostly the n-th of the one before. */
  private curWindow = 0;
  /** The pane used for the n-th window of the last record (a pane is dropped here when it fires). */
  private recent: (Pane | undefined)[] = [];

  constructor(
    spec: PaneWindowSpec,
    private readonly accSet: AccSet,
  ) {
    this.assigner = createAssigner(spec);
    this.global = spec.kind === 'global';
  }

  get size(): number {
    return this.entries;
  }

  add(ts: number, lateWatermark: number, key: string, keyVals: Value[] | null, args: Value[]): boolean {
    // biome-ignore lint/complexity/useMathMinMax: per record, on the hot path
    this.curWatermark = lateWatermark > this.firedWatermark ? lateWatermark : this.firedWatermark;
    this.curKey = key;
    this.curKeyVals = keyVals;
    this.curArgs = args;
    this.curAdded = false;
    this.curWindow = 0;
    this.assigner.assign(ts, this.addTo);
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
    this.accSet.add(this.entry(pane, this.curKey, this.curKeyVals).accs, this.curArgs);
    this.curAdded = true;
  };

  private pane(start: number, end: number): Pane {
    let pane = this.panes.get(start);
    if (pane === undefined) {
      pane = { start, end, keys: new Map() };
      this.panes.set(start, pane);
    }
    return pane;
  }

  /** The key's entry in `pane`, made on first use (with a copy of `keyVals`). */
  private entry(pane: Pane, key: string, keyVals: Value[] | null): KeyEntry {
    let entry = pane.keys.get(key);
    if (entry === undefined) {
      entry = { keyVals: keyVals === null ? keyValsOf(key) : keyVals.slice(), accs: this.accSet.create() };
      pane.keys.set(key, entry);
      this.entries++;
    }
    return entry;
  }

  drain(visit: (e: PartialEntry) => void): void {
    this.snapshot(visit);
    this.panes.clear();
    this.recent = [];
    this.entries = 0;
  }

  snapshot(visit: (e: PartialEntry) => void): void {
    for (const pane of this.panes.values()) {
      for (const [key, e] of pane.keys) visit({ start: pane.start, end: pane.end, key, keyVals: e.keyVals, accs: this.accSet.encode(e.accs) });
    }
  }

  restore(e: PartialEntry): void {
    this.merge(e);
  }

  restoreFired(watermark: number): void {
    this.firedWatermark = watermark;
  }

  merge(e: PartialEntry): void {
    if (e.end - 1 <= this.firedWatermark) return; // only with idle inputs: the window is gone
    this.accSet.merge(this.entry(this.pane(e.start, e.end), e.key, e.keyVals).accs, this.accSet.decode(e.accs));
  }

  fire(watermark: number, emit: EmitFn): void {
    if (watermark > this.firedWatermark) this.firedWatermark = watermark;
    const due: Pane[] = [];
    for (const pane of this.panes.values()) if (pane.end - 1 <= watermark) due.push(pane);
    if (due.length === 0) return;
    due.sort((a, b) => a.end - b.end || a.start - b.start);
    this.recent = [];
    for (const pane of due) {
      this.panes.delete(pane.start);
      this.entries -= pane.keys.size;
      const window = this.global ? null : { start: pane.start, end: pane.end };
      for (const e of pane.keys.values()) emit(window, e.keyVals, e.accs);
    }
  }

  peek(emit: EmitFn): void {
    const panes = [...this.panes.values()].sort((a, b) => a.end - b.end || a.start - b.start);
    for (const pane of panes) {
      const window = this.global ? null : { start: pane.start, end: pane.end };
      for (const e of pane.keys.values()) emit(window, e.keyVals, e.accs);
    }
  }
}
