/**
 * The watermark a checkpoint records as fired. After the end of a bounded input (+∞) it is not +∞,
 * which would make every event of a later run over grown files late, but what the windows reached:
 * every window with data fired at the end, so a later event is late exactly when its windows end
 * by the last window that fired (or by the watermark reached before the end).
 */
export function recordedWatermark(firedAt: number, firedFinite: number, maxFiredEnd: number): number {
  return firedAt === Infinity ? Math.max(firedFinite, maxFiredEnd - 1) : firedAt;
}
