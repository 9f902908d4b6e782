import { daysFromCivil, isValidDate, MS_PER_DAY } from './civil.js';

/**
 * Epoch ms of midnight UTC of a civil date, remembering the last day asked for: lines of a log
 * mostly share their day, so the date arithmetic runs once per day, not once per line.
 */
export class DayCache {
  private lastKey = -1;
  private lastBase = 0;

  /** Midnight of y-mo-d (month 1-12) in epoch ms, or null for an invalid date. */
  base(y: number, mo: number, d: number): number | null {
    const key = y * 10000 + mo * 100 + d;
    if (key === this.lastKey) return this.lastBase;
    if (!isValidDate(y, mo, d)) return null;
    this.lastKey = key;
    this.lastBase = daysFromCivil(y, mo, d) * MS_PER_DAY;
    return this.lastBase;
  }
}
