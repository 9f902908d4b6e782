import { BucketStore, type EncodedStore } from './bucket-store.js';

/** Relative accuracy α of a bucket's representative value. */
export const RELATIVE_ACCURACY = 0.005;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LN_GAMMA = Math.log(GAMMA);
const INV_LN_GAMMA = 1 / LN_GAMMA;
const REPRESENTATIVE = 2 / (1 + GAMMA);

/** Encoded sketch: count, zero count, exact min/max, and the two stores (null when empty). */
export interface EncodedSketch {
  n: number;
  z: number;
  min: number;
  max: number;
  p: EncodedStore | null;
  m: EncodedStore | null;
}

/**
 * DDSketch (Masson, Rim, Lee, VLDB 2019): a value x > 0 counts in bucket ⌈log_γ x⌉, which holds
 * (γ^(i−1), γ^i], and is read back as 2γ^i/(γ+1), within α = 0.5% of any value in the bucket.
 * Negative values go to a second store by |x|, zeros to a counter; min and max are exact.
 *
 * `valueAtRank(r)` is within α (relatively) of the exact r-th smallest value. `quantile(q)`
 * interpolates linearly between the estimates at ranks ⌊q(n−1)⌋ and ⌈q(n−1)⌉, as numpy's default
 * method does between exact values — so when both neighbours have the same sign the result is
 * within α of the exact interpolated quantile. (Interpolating between a negative and a positive
 * neighbour, the error is within α of the larger magnitude instead.)
 */
export class DDSketch {
  readonly pos: BucketStore;
  readonly neg: BucketStore;
  zero = 0;
  count = 0;
  min = Infinity;
  max = -Infinity;

  constructor(maxBuckets?: number) {
    this.pos = new BucketStore(maxBuckets);
    this.neg = new BucketStore(maxBuckets);
  }

  /** Adds a finite number. */
  add(x: number): void {
    if (x > 0) this.pos.add(Math.ceil(Math.log(x) * INV_LN_GAMMA));
    else if (x < 0) this.neg.add(Math.ceil(Math.log(-x) * INV_LN_GAMMA));
    else this.zero++;
    this.count++;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  merge(other: DDSketch): void {
    this.pos.merge(other.pos);
    this.neg.merge(other.neg);
    this.zero += other.zero;
    this.count += other.count;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  /** The estimated value of 0-based rank `r` in sorted order (0 ≤ r < count). */
  valueAtRank(r: number): number {
    if (r <= 0) return this.min;
    if (r >= this.count - 1) return this.max;
    let v: number;
    const negCount = this.neg.total;
    if (r < negCount) v = -representative(this.neg.indexAtRank(r, false));
    else if (r < negCount + this.zero) v = 0;
    else v = representative(this.pos.indexAtRank(r - negCount - this.zero, true));
    return Math.min(this.max, Math.max(this.min, v));
  }

  /** The linearly interpolated q-quantile (0 ≤ q ≤ 1); NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const at = q * (this.count - 1);
    const lo = Math.floor(at);
    const frac = at - lo;
    const a = this.valueAtRank(lo);
    return frac === 0 ? a : a + (this.valueAtRank(lo + 1) - a) * frac;
  }

  encode(): EncodedSketch {
    return {
      n: this.count,
      z: this.zero,
      min: this.min,
      max: this.max,
      p: this.pos.total > 0 ? this.pos.encode() : null,
      m: this.neg.total > 0 ? this.neg.encode() : null,
    };
  }

  static decode(data: EncodedSketch, maxBuckets?: number): DDSketch {
    const s = new DDSketch(maxBuckets);
    if (data.p) (s as { pos: BucketStore }).pos = BucketStore.decode(data.p, maxBuckets);
    if (data.m) (s as { neg: BucketStore }).neg = BucketStore.decode(data.m, maxBuckets);
    s.zero = data.z;
    s.count = data.n;
    s.min = data.min;
    s.max = data.max;
    return s;
  }
}

function representative(index: number): number {
  return Math.exp(index * LN_GAMMA) * REPRESENTATIVE;
}
