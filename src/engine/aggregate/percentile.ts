import type { Value } from '../../common/record.js';
import type { Aggregator } from './aggregator.js';
import { DDSketch, type EncodedSketch } from './ddsketch.js';
import { toNumber } from './numeric.js';

/** Up to this many values are kept as they are and the quantile is computed exactly. */
export const EXACT_LIMIT = 1024;

/**
 * Mutable accumulator of `percentile`: the values themselves (`values[0..n)`) while there are at
 * most EXACT_LIMIT of them, then a DDSketch. Which one is a function of the count alone, and
 * the sketch is a function of the multiset of values, so merged partials equal the sequential
 * accumulator exactly.
 */
export interface PercentileAcc {
  n: number;
  values: Float64Array | null;
  sketch: DDSketch | null;
}

function toSketch(acc: PercentileAcc): DDSketch {
  if (acc.sketch !== null) return acc.sketch;
  const sketch = new DDSketch();
  const values = acc.values!;
  for (let i = 0; i < acc.n; i++) sketch.add(values[i]!);
  acc.sketch = sketch;
  acc.values = null;
  return sketch;
}

function push(acc: PercentileAcc, x: number): void {
  let values = acc.values!;
  if (acc.n === values.length) {
    const grown = new Float64Array(Math.min(EXACT_LIMIT, values.length * 2));
    grown.set(values);
    acc.values = values = grown;
  }
  values[acc.n++] = x;
}

/** numpy's default ('linear') quantile of the sorted values. */
export function exactQuantile(sorted: ArrayLike<number>, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const frac = at - lo;
  const a = sorted[lo]!;
  return frac === 0 ? a : a + (sorted[lo + 1]! - a) * frac;
}

/**
 * `percentile(x, q)` and `p50`/`p90`/`p95`/`p99`: the q-quantile of the numeric values (numbers
 * and numeric strings; others skipped), linearly interpolated between the two nearest ranks
 * (numpy's default). Exact up to 1024 values; above, a DDSketch keeps it within 0.5% relative
 * error of the exact interpolated quantile (see DDSketch for the case of neighbours of opposite
 * sign). `q = 0` and `q = 1` give the exact min and max. `null` when no value was added.
 * Encoding: `Float64Array` of the values while exact, else `EncodedSketch` (non-empty bucket
 * range only, varint counts).
 */
export function percentileAggregator(q: number): Aggregator<PercentileAcc> {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile: q must be in [0, 1], got ${q}`);
  return {
    create: () => ({ n: 0, values: new Float64Array(8), sketch: null }),
    add(acc, value: Value) {
      const x = toNumber(value);
      if (x !== x) return acc;
      if (acc.sketch !== null) {
        acc.sketch.add(x);
        acc.n++;
      } else if (acc.n < EXACT_LIMIT) {
        push(acc, x);
      } else {
        toSketch(acc).add(x);
        acc.n++;
      }
      return acc;
    },
    merge(acc, other) {
      if (acc.sketch === null && other.sketch === null && acc.n + other.n <= EXACT_LIMIT) {
        for (let i = 0; i < other.n; i++) push(acc, other.values![i]!);
        return acc;
      }
      const sketch = toSketch(acc);
      if (other.sketch !== null) sketch.merge(other.sketch);
      else for (let i = 0; i < other.n; i++) sketch.add(other.values![i]!);
      acc.n += other.n;
      return acc;
    },
    result(acc) {
      if (acc.n === 0) return null;
      if (acc.sketch !== null) return acc.sketch.quantile(q);
      return exactQuantile(acc.values!.slice(0, acc.n).sort(), q);
    },
    encode: (acc) => (acc.sketch !== null ? acc.sketch.encode() : acc.values!.slice(0, acc.n)),
    decode(data) {
      if (data instanceof Float64Array || Array.isArray(data)) {
        const values = Float64Array.from(data as ArrayLike<number>);
        return { n: values.length, values: values.length > 0 ? values : new Float64Array(8), sketch: null };
      }
      const sketch = DDSketch.decode(data as EncodedSketch);
      return { n: sketch.count, values: null, sketch };
    },
  };
}
