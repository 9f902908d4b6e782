import type { AggSpec } from '../../plan/types.js';
import { type AccColumn, accColumn } from '../aggregate/acc-column.js';
import type { Aggregator } from '../aggregate/aggregator.js';
import { createAggregator } from '../aggregate/registry.js';
import type { Value } from '../../common/record.js';

/**
 * The aggregators of one aggregate step, applied together: one accumulator per aggregate,
 * kept in an array per (window, key).
 */
export class AccSet {
  private readonly aggs: Aggregator[];

  constructor(private readonly specs: AggSpec[]) {
    this.aggs = specs.map((s) => createAggregator(s));
  }

  /** Empty columns, one per aggregate, for a table of many entries (see PaneTable). */
  columns(): AccColumn[] {
    return this.aggs.map((a, i) => accColumn(a, this.specs[i]!.fn));
  }

  /** Approximate heap bytes of one entry's accumulators in columns. */
  get bytesPerEntry(): number {
    return this.columns().reduce((sum, c) => sum + c.bytesPerSlot, 0);
  }

  create(): unknown[] {
    const accs = new Array<unknown>(this.aggs.length);
    for (let i = 0; i < this.aggs.length; i++) accs[i] = this.aggs[i]!.create();
    return accs;
  }

  add(accs: unknown[], args: Value[]): void {
    for (let i = 0; i < this.aggs.length; i++) accs[i] = this.aggs[i]!.add(accs[i], args[i]!);
  }

  /** Folds `later` into `accs`; `later` holds input that came after `accs`'s (first/last rely on it). */
  merge(accs: unknown[], later: unknown[]): void {
    for (let i = 0; i < this.aggs.length; i++) accs[i] = this.aggs[i]!.merge(accs[i], later[i]);
  }

  results(accs: unknown[]): Value[] {
    return this.aggs.map((a, i) => a.result(accs[i]));
  }

  encode(accs: unknown[]): unknown[] {
    return this.aggs.map((a, i) => a.encode(accs[i]));
  }

  decode(data: unknown[]): unknown[] {
    return this.aggs.map((a, i) => a.decode(data[i]));
  }
}
