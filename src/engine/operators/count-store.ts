import type { Value } from '../../common/record.js';
import type { AccSet } from './acc-set.js';
import { keyValsOf } from './key.js';
import type { EmitFn, KeyEntry, PartialEntry, WindowStore } from './window-store.js';

const ONE_THREAD = 'count windows depend on input order and run on one thread';

interface CountEntry extends KeyEntry {
  n: number;
}

/**
 * `window count N`: per key, every N records form a window, which fires as soon as it is full.
 * At the end of input the incomplete windows fire too (a finite stream fires every window).
 */
export class CountStore implements WindowStore {
  readonly ordered = false;
  private readonly open = new Map<string, CountEntry>();
  private readonly full: CountEntry[] = [];

  constructor(
    private readonly n: number,
    private readonly accSet: AccSet,
  ) {}

  get size(): number {
    return this.open.size + this.full.length;
  }

  add(_ts: number, _lateWatermark: number, key: string, keyVals: Value[] | null, args: Value[]): boolean {
    let e = this.open.get(key);
    if (e === undefined) {
      e = { keyVals: keyVals === null ? keyValsOf(key) : keyVals.slice(), accs: this.accSet.create(), n: 0 };
      this.open.set(key, e);
    }
    this.accSet.add(e.accs, args);
    if (++e.n >= this.n) {
      this.open.delete(key);
      this.full.push(e);
    }
    return true;
  }

  fire(watermark: number, emit: EmitFn): void {
    for (const e of this.full) emit(null, e.keyVals, e.accs);
    this.full.length = 0;
    if (watermark === Infinity) {
      for (const e of this.open.values()) emit(null, e.keyVals, e.accs);
      this.open.clear();
    }
  }

  /** Fires everything at once (no pauses: these results are sorted after firing). */
  firing(watermark: number, emit: EmitFn): Iterator<void> {
    this.fire(watermark, emit);
    return [][Symbol.iterator]();
  }

  drain(): void {
    throw new Error(ONE_THREAD);
  }

  merge(): void {
    throw new Error(ONE_THREAD);
  }

  /** Open windows as entries; `end` carries how many records the window holds. */
  snapshot(visit: (e: PartialEntry) => void): void {
    for (const [key, e] of this.open) visit({ start: 0, end: e.n, key, keyVals: e.keyVals, accs: this.accSet.encode(e.accs) });
  }

  restore(e: PartialEntry): void {
    this.open.set(e.key, { keyVals: e.keyVals ?? keyValsOf(e.key), accs: this.accSet.decode(e.accs), n: e.end });
  }

  restoreFired(): void {}

  peek(emit: EmitFn): void {
    for (const e of this.open.values()) emit(null, e.keyVals, e.accs);
  }
}
