/** A time window, half-open `[start, end)` in epoch milliseconds. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** The largest timestamp that still belongs to the window (Flink's `maxTimestamp()`). */
export function maxTimestamp(w: TimeWindow): number {
  return w.end - 1;
}

/** Flink's firing rule: a window fires when the watermark reaches its max timestamp. */
export function isComplete(w: TimeWindow, watermark: number): boolean {
  return watermark >= w.end - 1;
}
