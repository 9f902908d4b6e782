import { decodeVarints, encodeVarints } from './varint.js';

/** Encoded store: the first non-empty bucket index and the varint counts from there on. */
export interface EncodedStore {
  i: number;
  c: Uint8Array;
}

/**
 * DDSketch bucket counts over a contiguous range of integer bucket indexes, in a growable
 * Float64Array. The span is bounded by `maxBuckets`: a bucket more than `maxBuckets − 1` below
 * the highest index is counted in the lowest kept bucket ("collapse lowest"). The state is a
 * function of the multiset of indexes added alone — each index `i` lands in
 * `max(i, maxIndex − maxBuckets + 1)` for the final `maxIndex` — so adding in any order and
 * merging in any grouping give the same counts. With the sketch's γ, 8192 buckets cover a ratio
 * of e^81 ≈ 10^35 between the smallest and largest magnitudes (say 1e-15 … 1e20) before anything
 * collapses; memory follows the range actually spanned (~2,100 buckets for 1e-3 … 1e6).
 */
export class BucketStore {
  private counts = new Float64Array(0);
  /** Bucket index of `counts[0]`. */
  private offset = 0;
  /** The non-empty range, valid when `total > 0`. */
  minIndex = 0;
  maxIndex = 0;
  total = 0;

  constructor(readonly maxBuckets = 8192) {}

  /** Adds `count` (> 0) values to bucket `index`. */
  add(index: number, count = 1): void {
    if (this.total === 0) {
      this.cover(index, index);
      this.minIndex = this.maxIndex = index;
    } else if (index > this.maxIndex) {
      const low = index - this.maxBuckets + 1;
      if (low > this.minIndex) this.collapseBelow(low);
      this.cover(this.minIndex, index);
      this.maxIndex = index;
    } else {
      const low = this.maxIndex - this.maxBuckets + 1;
      if (index < low) index = low;
      if (index < this.minIndex) {
        this.cover(index, this.maxIndex);
        this.minIndex = index;
      }
    }
    this.counts[index - this.offset]! += count;
    this.total += count;
  }

  /** Folds `other`'s counts in; highest bucket first, so a needed collapse happens once. */
  merge(other: BucketStore): void {
    for (let i = other.maxIndex; other.total > 0 && i >= other.minIndex; i--) {
      const c = other.countAt(i);
      if (c > 0) this.add(i, c);
    }
  }

  countAt(index: number): number {
    const j = index - this.offset;
    return j >= 0 && j < this.counts.length ? this.counts[j]! : 0;
  }

  /**
   * The bucket holding the value of 0-based `rank` when buckets are walked upwards
   * (`ascending`) or downwards from the top.
   */
  indexAtRank(rank: number, ascending: boolean): number {
    let seen = 0;
    if (ascending) {
      for (let i = this.minIndex; i < this.maxIndex; i++) {
        seen += this.countAt(i);
        if (seen > rank) return i;
      }
      return this.maxIndex;
    }
    for (let i = this.maxIndex; i > this.minIndex; i--) {
      seen += this.countAt(i);
      if (seen > rank) return i;
    }
    return this.minIndex;
  }

  encode(): EncodedStore {
    return { i: this.minIndex, c: encodeVarints(this.counts.subarray(this.minIndex - this.offset, this.maxIndex - this.offset + 1)) };
  }

  static decode(data: EncodedStore, maxBuckets?: number): BucketStore {
    const store = new BucketStore(maxBuckets);
    const counts = decodeVarints(data.c);
    let total = 0;
    for (const c of counts) total += c;
    if (total === 0) return store;
    store.counts = Float64Array.from(counts);
    store.offset = store.minIndex = data.i;
    store.maxIndex = data.i + counts.length - 1;
    store.total = total;
    return store;
  }

  /** Moves every count below `low` into bucket `low`. */
  private collapseBelow(low: number): void {
    let sum = 0;
    const end = Math.min(low - 1, this.maxIndex);
    for (let i = this.minIndex; i <= end; i++) {
      sum += this.counts[i - this.offset]!;
      this.counts[i - this.offset] = 0;
    }
    if (low > this.maxIndex) {
      this.counts = new Float64Array(0);
      this.maxIndex = low;
    }
    this.minIndex = low;
    this.cover(low, this.maxIndex);
    this.counts[low - this.offset]! += sum;
  }

  /** Makes the array cover bucket indexes [lo, hi] (which contain the live range). */
  private cover(lo: number, hi: number): void {
    const len = this.counts.length;
    if (lo >= this.offset && hi < this.offset + len) return;
    const slack = Math.max(16, Math.min(this.maxBuckets, (hi - lo + 1) >> 1));
    const newLo = lo < this.offset || len === 0 ? lo - slack : this.offset;
    const newHi = hi >= this.offset + len || len === 0 ? hi + slack : this.offset + len - 1;
    const next = new Float64Array(newHi - newLo + 1);
    if (this.total > 0) {
      const from = Math.max(this.minIndex, newLo);
      const to = Math.min(this.maxIndex, newHi);
      if (to >= from) next.set(this.counts.subarray(from - this.offset, to - this.offset + 1), from - newLo);
    }
    this.counts = next;
    this.offset = newLo;
  }
}
