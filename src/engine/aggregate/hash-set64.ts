const EMPTY = new Uint32Array(0);
/** Slots of the first table: 8 slots, 64 bytes. */
const FIRST_CAPACITY = 8;

/**
 * A set of 64-bit hashes, each given as two 32-bit halves (`hi`, `lo`): open addressing with
 * linear probing in one Uint32Array of (hi, lo) pairs, so a probe reads one cache line. The
 * capacity is a power of two and the table is at most half full: it doubles before an insert
 * would pass that, so a lookup takes ~1.5 probes when found, ~2.5 when not. An empty set holds no
 * table at all (the first insert makes one of 8 slots).
 *
 * A low half of 0 marks an empty slot, so a hash whose low half is 0 is stored with low half 1:
 * the two hashes `(hi, 0)` and `(hi, 1)` count as one. For hashes of random 64-bit quality that
 * adds 2^-95 to the 2^-64 chance that two values meet: nothing a collision bound needs to state.
 */
export class HashSet64 {
  /** The number of distinct hashes. */
  size = 0;
  /** Pairs (hi, lo); `2 * capacity` entries. */
  private slots: Uint32Array = EMPTY;
  /** capacity − 1. */
  private mask = -1;

  /** Adds (hi, lo); both are unsigned 32-bit integers. */
  add(hi: number, lo: number): void {
    if (lo === 0) lo = 1;
    if (2 * this.size >= this.mask) this.grow();
    const slots = this.slots;
    const mask = this.mask;
    let i = (lo ^ hi) & mask;
    for (;;) {
      const at = 2 * i;
      const l = slots[at + 1]!;
      if (l === 0) {
        slots[at] = hi;
        slots[at + 1] = lo;
        this.size++;
        return;
      }
      if (l === lo && slots[at] === hi) return;
      i = (i + 1) & mask;
    }
  }

  /** Adds every hash of `other`. */
  addAll(other: HashSet64): void {
    this.reserve(this.size + other.size);
    const s = other.slots;
    for (let at = 0; at < s.length; at += 2) if (s[at + 1] !== 0) this.add(s[at]!, s[at + 1]!);
  }

  /** Adds the hashes of `pairs` (as `pairs()` gives them: hi, lo, hi, lo, ...). */
  addPairs(pairs: Uint32Array): void {
    this.reserve(this.size + (pairs.length >>> 1));
    for (let at = 0; at + 1 < pairs.length; at += 2) this.add(pairs[at]!, pairs[at + 1]!);
  }

  /** The hashes as pairs (hi, lo, hi, lo, ...), in table order: `2 * size` entries. */
  pairs(): Uint32Array {
    const out = new Uint32Array(2 * this.size);
    const s = this.slots;
    let p = 0;
    for (let at = 0; at < s.length; at += 2) {
      if (s[at + 1] === 0) continue;
      out[p++] = s[at]!;
      out[p++] = s[at + 1]!;
    }
    return out;
  }

  /** Makes room for `n` hashes without growing again. */
  private reserve(n: number): void {
    let capacity = Math.max(FIRST_CAPACITY, this.mask + 1);
    while (2 * n > capacity) capacity *= 2;
    if (capacity > this.mask + 1) this.rehash(capacity);
  }

  private grow(): void {
    this.rehash(this.mask < 0 ? FIRST_CAPACITY : 2 * (this.mask + 1));
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = new Uint32Array(2 * capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let at = 0; at < old.length; at += 2) if (old[at + 1] !== 0) this.add(old[at]!, old[at + 1]!);
  }
}
