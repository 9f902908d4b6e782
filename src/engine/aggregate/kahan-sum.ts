/**
 * A compensated (Neumaier) running sum: `s + c` carries far less rounding error than naive
 * addition, so sums of partials merged in another grouping agree with the sequential sum to
 * within a few ulps. Shared by `sum` and `avg`.
 */
export interface KahanAcc {
  /** The running sum. */
  s: number;
  /** The compensation: the low-order bits lost from `s`. */
  c: number;
  /** How many values were added (0 ⇒ the result is null). */
  n: number;
}

export function createKahan(): KahanAcc {
  return { s: 0, c: 0, n: 0 };
}

/** Adds `x` into `acc` in place. */
export function kahanAdd(acc: KahanAcc, x: number): void {
  const s = acc.s;
  const t = s + x;
  // Once the sum overflowed there is nothing left to compensate (it would only make NaN).
  if (t - t === 0) acc.c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
  acc.s = t;
}

/** Folds `other` into `acc` in place. */
export function kahanMerge(acc: KahanAcc, other: KahanAcc): void {
  kahanAdd(acc, other.s);
  kahanAdd(acc, other.c);
  acc.n += other.n;
}

/** The sum; ±Infinity once it went beyond the double range. */
export function kahanValue(acc: KahanAcc): number {
  const s = acc.s;
  return s - s === 0 ? s + acc.c : s;
}

/** Encoding: `[s, c, n]`. */
export function encodeKahan(acc: KahanAcc): [number, number, number] {
  return [acc.s, acc.c, acc.n];
}

export function decodeKahan(data: unknown): KahanAcc {
  const [s, c, n] = data as [number, number, number];
  return { s, c, n };
}
