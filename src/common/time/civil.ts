/**
 * Proleptic Gregorian calendar arithmetic on integers (Howard Hinnant's `days_from_civil` and
 * `civil_from_days`), so that parsing and formatting never go through `Date` objects.
 */

export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a calendar date (month 1–12). Not validated. */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The calendar date of a day number (days since 1970-01-01). `out` is reused to avoid allocation. */
export function civilFromDays(z: number, out: { y: number; m: number; d: number }): void {
  z += 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  out.y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  out.m = m;
  out.d = d;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month m (1–12) of year y. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1]!;
}

/** True when y-m-d names a real day. */
export function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** The earliest and latest epoch milliseconds a JavaScript Date can hold (±8.64e15). */
export const MAX_EPOCH_MS = 8.64e15;

export const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const WEEKDAY_ABBR = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The month (1–12) named by three letters at `s[i..i+3)`, case-insensitive, or 0. Reads char
 * codes so that no substring is made.
 */
export function monthFromAbbr(s: string, i: number): number {
  const key = ((s.charCodeAt(i) | 0x20) << 16) | ((s.charCodeAt(i + 1) | 0x20) << 8) | (s.charCodeAt(i + 2) | 0x20);
  return MONTH_BY_KEY.get(key) ?? 0;
}

const MONTH_BY_KEY = new Map<number, number>(
  MONTH_ABBR.map((name, i) => {
    const l = name.toLowerCase();
    return [(l.charCodeAt(0) << 16) | (l.charCodeAt(1) << 8) | l.charCodeAt(2), i + 1];
  }),
);
