import type { Value } from '../../common/record.js';
import type { Aggregator } from './aggregator.js';

/**
 * The accumulators of one aggregate for many entries, addressed by slot (0, 1, …, in the order
 * entries were made): a table keeps one column per aggregate instead of an object and an array
 * per entry. `count` is a Float64Array; every other aggregate keeps its accumulator objects in
 * an array. A slot must be made (`push`) before it is used.
 */
export interface AccColumn {
  /** Makes the next slot, holding an empty accumulator. */
  push(): void;
  add(slot: number, value: Value): void;
  /** Folds an encoded accumulator (of input that came after the slot's) into the slot. */
  mergeEncoded(slot: number, data: unknown): void;
  /** The slot's accumulator as the aggregator's own object (a copy for typed columns). */
  acc(slot: number): unknown;
  encoded(slot: number): unknown;
  /** Approximate heap bytes per slot, for the memory budget. */
  readonly bytesPerSlot: number;
}

/** A column for `agg`; `count` gets the typed one. */
export function accColumn(agg: Aggregator, fn: string): AccColumn {
  return fn === 'count' ? new CountColumn(agg) : new ObjectColumn(agg);
}

/** Counts in a Float64Array (8 bytes per entry instead of an object of ~40). */
class CountColumn implements AccColumn {
  private counts = new Float64Array(16);
  private size = 0;
  readonly bytesPerSlot = 12;

  constructor(private readonly agg: Aggregator) {}

  push(): void {
    if (this.size === this.counts.length) {
      const next = new Float64Array(this.counts.length * 2);
      next.set(this.counts);
      this.counts = next;
    }
    this.size++;
  }

  add(slot: number, value: Value): void {
    if (value !== null) this.counts[slot]!++;
  }

  mergeEncoded(slot: number, data: unknown): void {
    this.counts[slot]! += Number(data);
  }

  acc(slot: number): unknown {
    return this.agg.decode(this.counts[slot]);
  }

  encoded(slot: number): unknown {
    return this.counts[slot];
  }
}

/** Any aggregator's accumulator objects, one per slot. */
class ObjectColumn implements AccColumn {
  private readonly accs: unknown[] = [];
  readonly bytesPerSlot = 64;

  constructor(private readonly agg: Aggregator) {}

  push(): void {
    this.accs.push(this.agg.create());
  }

  add(slot: number, value: Value): void {
    this.accs[slot] = this.agg.add(this.accs[slot], value);
  }

  mergeEncoded(slot: number, data: unknown): void {
    this.accs[slot] = this.agg.merge(this.accs[slot], this.agg.decode(data));
  }

  acc(slot: number): unknown {
    return this.accs[slot];
  }

  encoded(slot: number): unknown {
    return this.agg.encode(this.accs[slot]);
  }
}
