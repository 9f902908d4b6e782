import type { Value } from '../../common/record.js';
import type { Aggregator } from './aggregator.js';
import { hashCanonicalKey64, hashValue64 } from './hash53.js';
import { HashSet64 } from './hash-set64.js';

/** Mutable accumulator of `count_distinct`: the 64-bit hashes of the values seen. */
export type CountDistinctAcc = HashSet64;

// The hash of the last string or number added: a sliding window adds each value to every window
// it falls in, one after the other, so most adds find their hash here.
const h = new Uint32Array(2);
let last: Value = null;
const scratch = new Uint32Array(2);

/**
 * `count_distinct(x)`: the number of distinct non-null values, exact up to hash collisions.
 * Values are compared by `canonicalKey` (JSON equality: `1` and `"1"` are distinct, `1` and
 * `1.0` are not) through its 64-bit hash (`hashValue64`): two distinct values count as one only
 * when their hashes meet, so with n distinct values in one accumulator the result is n − 1 or
 * less with probability ≈ n²/2^65 (3·10⁻⁸ for a million values, 3·10⁻¹² for ten thousand), and
 * never more than n. The result is 0 when nothing was added. Memory is 16–32 bytes per distinct
 * value (a hash set at most half full); `approx_count_distinct` is the bounded alternative.
 * Encoding: a `Uint32Array` of the hashes as (high, low) halves, 8 bytes per value; `decode`
 * also takes the earlier encoding, an array of canonical keys.
 */
export const countDistinctAggregator: Aggregator<CountDistinctAcc> = {
  create: () => new HashSet64(),
  add(acc, value: Value) {
    if (value === null) return acc;
    if (value !== last || typeof value === 'object') {
      hashValue64(value, h);
      last = typeof value === 'object' ? null : value;
    }
    acc.add(h[0]!, h[1]!);
    return acc;
  },
  merge(acc, other) {
    // The set union does not depend on order, so fold the smaller set into the larger one.
    const [big, small] = acc.size >= other.size ? [acc, other] : [other, acc];
    big.addAll(small);
    return big;
  },
  result: (acc) => acc.size,
  encode: (acc) => acc.pairs(),
  decode(data) {
    const acc = new HashSet64();
    if (data instanceof Uint32Array) {
      acc.addPairs(data);
    } else if (Array.isArray(data)) {
      for (const key of data as string[]) {
        hashCanonicalKey64(key, scratch);
        acc.add(scratch[0]!, scratch[1]!);
      }
    } else {
      throw new Error('count_distinct: the encoded state is neither a Uint32Array nor an array of keys');
    }
    return acc;
  },
};
