import type { Value } from '../../common/record.js';

/**
 * An aggregate function in Flink's AggregateFunction shape. Accumulators are mutable and
 * updated in place; `merge` folds another accumulator in (local pre-aggregation in workers,
 * session window merges); `encode`/`decode` turn an accumulator into JSON-able data for
 * checkpoints and for crossing threads (structured-clone-able: numbers, strings, arrays,
 * plain objects, Uint8Array).
 *
 * Laws (tested for every aggregator): for any split of the input into parts,
 * merging the parts' accumulators gives the same result as adding everything into one
 * (exactly for exact aggregators; within the stated error for sketches), and
 * `decode(encode(acc))` behaves as `acc`.
 *
 * `add` is called with the evaluated argument; `null` (and, for numeric aggregates, any value
 * that is not a finite number or numeric string) is skipped. `count` without an argument
 * receives `true` for every record.
 */
export interface Aggregator<Acc = unknown> {
  create(): Acc;
  add(acc: Acc, value: Value): Acc;
  /** Folds `other` into `acc` (other is not used afterwards). Returns the merged accumulator. */
  merge(acc: Acc, other: Acc): Acc;
  result(acc: Acc): Value;
  encode(acc: Acc): unknown;
  decode(data: unknown): Acc;
}
