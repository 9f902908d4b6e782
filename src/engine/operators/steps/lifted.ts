import type { Rec } from '../../../common/record.js';
import type { ResultChange } from '../../contracts/result.js';
import type { Collector, Operator } from '../operator.js';
import type { RecordFn } from '../record-fn.js';

/**
 * A stateless step lifted into an operator (after a keyed step, steps run as operators): each
 * record through `fn`, on to `out` unless dropped, with its time and change unchanged.
 */
export class LiftedOperator implements Operator {
  constructor(
    private readonly fn: RecordFn,
    private readonly out: Collector,
  ) {}

  process(rec: Rec, ts: number, change?: ResultChange): void {
    const r = this.fn(rec);
    if (r !== null) this.out.collect(r, ts, change);
  }

  onWatermark(): void {}
  onTimer(): void {}
  snapshot(): void {}
  restore(): void {}
  finish(): void {}
}
