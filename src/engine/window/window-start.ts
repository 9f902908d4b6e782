/**
 * The start of the epoch-aligned window of length `sizeMs` that holds `ts`
 * (Flink's `TimeWindow.getWindowStartWithOffset` with offset 0): the largest multiple of
 * `sizeMs` that is `<= ts`. Correct for negative timestamps (`windowStart(-1, 1000) === -1000`).
 */
export function windowStart(ts: number, sizeMs: number): number {
  const rem = ts % sizeMs;
  // JavaScript's % keeps the dividend's sign; a negative remainder means ts is before the epoch.
  return rem < 0 ? ts - rem - sizeMs : ts - rem;
}

/** Throws a RangeError unless `value` is a finite number > 0 (a programming error: the checker rejects these). */
export function requirePositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
  }
}
