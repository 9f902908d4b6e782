/**
 * Parsing with a strftime-like format (`--time-format`). The format is compiled once into a list
 * of steps over char positions; a parse allocates nothing.
 *
 * Directives: %Y (4 digits) %y (2 digits: 69–99 → 19xx, else 20xx) %m %d %H %I %M %S (1–2 digits)
 * %e (day, space-padded) %j (day of year, 1–3 digits) %f (1–9 fraction digits, kept to ms)
 * %b %h %B (month name, abbreviated or full, any case) %a %A (weekday name, ignored) %p (AM/PM)
 * %z (`Z`, `±hh`, `±hhmm`, `±hh:mm`) %Z (`UTC`, `GMT`, `Z`) %s (epoch seconds, may be fractional)
 * %T (= %H:%M:%S) %F (= %Y-%m-%d) %%. A blank in the format matches any run of blanks (or none);
 * other characters match themselves. Without an offset the time is UTC. Without a year
 * (syslog's `%b %e %H:%M:%S`) the year is inferred as syslog readers do: the latest one that does
 * not put the time more than `YEARLESS_SKEW_MS` after `nowMs` (the wall-clock time the text was
 * read), so a December line read in January belongs to the year before.
 */
import { daysFromCivil, isLeapYear, isValidDate, MONTH_NAMES, MS_PER_DAY, WEEKDAY_NAMES } from './civil.js';
import { isDigitCode } from './digits.js';
import { readOffset } from './parse-iso.js';
import { TimeFormatError } from './time-format-error.js';

/** How far after the reading time a time without a year may lie (clocks and zones disagree). */
export const YEARLESS_SKEW_MS = MS_PER_DAY;

/** `Fields.y` until a directive sets the year. */
const NO_YEAR = -1;
/** Years tried before a date without a year is given up (Feb 29 may be 8 years back). */
const YEARS_BACK = 8;

/** The fields read so far; one object per parser, reset before each parse. */
interface Fields {
  y: number;
  m: number;
  d: number;
  doy: number;
  h: number;
  mi: number;
  sec: number;
  ms: number;
  h12: boolean;
  pm: boolean;
  offMs: number;
  epochMs: number;
}

/** A step reads from s at i and returns the new position, or -1 when the text does not fit. */
type Step = (s: string, i: number, f: Fields) => number;

function num(min: number, max: number, minDigits: number, maxDigits: number, set: (f: Fields, n: number) => void): Step {
  return (s, i, f) => {
    let n = 0;
    let k = 0;
    while (k < maxDigits && isDigitCode(s.charCodeAt(i + k))) n = n * 10 + (s.charCodeAt(i + k++) - 48);
    if (k < minDigits || n < min || n > max) return -1;
    set(f, n);
    return i + k;
  };
}

/** Case-insensitive char-code comparison of `lowerName` with s at i. */
function matchesAt(s: string, i: number, lowerName: string, len: number): boolean {
  for (let k = 0; k < len; k++) if ((s.charCodeAt(i + k) | 0x20) !== lowerName.charCodeAt(k)) return false;
  return true;
}

/** A name from `list`, full or abbreviated to three letters, in any case. */
function names(list: string[], set: (f: Fields, index: number) => void): Step {
  const lower = list.map((n) => n.toLowerCase());
  return (s, i, f) => {
    for (let k = 0; k < lower.length; k++) {
      const full = lower[k]!;
      if (matchesAt(s, i, full, 3)) {
        set(f, k);
        return matchesAt(s, i, full, full.length) ? i + full.length : i + 3;
      }
    }
    return -1;
  };
}

function literal(c: number): Step {
  return (s, i) => (s.charCodeAt(i) === c ? i + 1 : -1);
}

const blanks: Step = (s, i) => {
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  return i;
};

const fraction: Step = (s, i, f) => {
  let k = 0;
  let ms = 0;
  while (k < 9 && isDigitCode(s.charCodeAt(i + k))) {
    if (k < 3) ms = ms * 10 + (s.charCodeAt(i + k) - 48);
    k++;
  }
  if (k === 0) return -1;
  for (let j = k; j < 3; j++) ms *= 10;
  f.ms = ms;
  return i + k;
};

const OFFSET_LENGTHS = [6, 5, 3];

const offset: Step = (s, i, f) => {
  const c = s.charCodeAt(i);
  if (c === 90 || c === 122) {
    f.offMs = 0;
    return i + 1;
  }
  // Longest form first: ±hh:mm, ±hhmm, ±hh.
  for (const len of OFFSET_LENGTHS) {
    const off = readOffset(s, i, i + len);
    if (off !== null) {
      f.offMs = off;
      return i + len;
    }
  }
  return -1;
};

const zoneName: Step = (s, i, f) => {
  f.offMs = 0;
  if (matchesAt(s, i, 'utc', 3) || matchesAt(s, i, 'gmt', 3)) return i + 3;
  return s.charCodeAt(i) === 90 ? i + 1 : -1;
};

const ampm: Step = (s, i, f) => {
  const a = s.charCodeAt(i) | 0x20;
  if ((a !== 97 && a !== 112) || (s.charCodeAt(i + 1) | 0x20) !== 109) return -1;
  f.pm = a === 112;
  return i + 2;
};

/** %s: seconds since the epoch whatever the magnitude, optionally negative and fractional. */
const epochSeconds: Step = (s, i, f) => {
  const neg = s.charCodeAt(i) === 45;
  let j = neg ? i + 1 : i;
  const start = j;
  let secs = 0;
  while (isDigitCode(s.charCodeAt(j)) && j - start < 15) secs = secs * 10 + (s.charCodeAt(j++) - 48);
  if (j === start) return -1;
  let ms = 0;
  let rest = false;
  if (s.charCodeAt(j) === 46) {
    j++;
    for (let k = 0; isDigitCode(s.charCodeAt(j)); k++, j++) {
      const c = s.charCodeAt(j) - 48;
      if (k < 3) ms += c * (k === 0 ? 100 : k === 1 ? 10 : 1);
      else if (c !== 0) rest = true;
    }
  }
  const total = secs * 1000 + ms;
  f.epochMs = neg ? -total - (rest ? 1 : 0) : total;
  return j;
};

const DIRECTIVES: Record<string, Step | string> = {
  Y: num(0, 9999, 4, 4, (f, n) => (f.y = n)),
  y: num(0, 99, 2, 2, (f, n) => (f.y = n < 69 ? 2000 + n : 1900 + n)),
  m: num(1, 12, 1, 2, (f, n) => (f.m = n)),
  d: num(1, 31, 1, 2, (f, n) => (f.d = n)),
  H: num(0, 23, 1, 2, (f, n) => (f.h = n)),
  I: num(1, 12, 1, 2, (f, n) => {
    f.h = n % 12;
    f.h12 = true;
  }),
  M: num(0, 59, 1, 2, (f, n) => (f.mi = n)),
  S: num(0, 59, 1, 2, (f, n) => (f.sec = n)),
  j: num(1, 366, 1, 3, (f, n) => (f.doy = n)),
  f: fraction,
  b: names(MONTH_NAMES, (f, k) => (f.m = k + 1)),
  a: names(WEEKDAY_NAMES, () => undefined),
  p: ampm,
  z: offset,
  Z: zoneName,
  s: epochSeconds,
  T: '%H:%M:%S',
  F: '%Y-%m-%d',
  '%': '',
};
DIRECTIVES.h = DIRECTIVES.B = DIRECTIVES.b!;
DIRECTIVES.A = DIRECTIVES.a!;
DIRECTIVES.e = (s, i, f) => (DIRECTIVES.d as Step)(s, s.charCodeAt(i) === 32 ? i + 1 : i, f);

/** The directive letters a `--time-format` may use (for `fstream help time-formats`). */
export const STRPTIME_LETTERS: readonly string[] = Object.keys(DIRECTIVES);

function compileSteps(fmt: string, out: Step[]): void {
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt.charCodeAt(i);
    if (c === 32 || c === 9) {
      while (fmt.charCodeAt(i + 1) === 32 || fmt.charCodeAt(i + 1) === 9) i++;
      out.push(blanks);
    } else if (c !== 37 /* % */) {
      out.push(literal(c));
    } else {
      const name = fmt[++i];
      const d = name === undefined || !Object.hasOwn(DIRECTIVES, name) ? undefined : DIRECTIVES[name];
      if (d === undefined) throw new TimeFormatError(`unsupported directive \`%${name ?? ''}\` in time format "${fmt}"`);
      if (name === '%') out.push(literal(37));
      else if (typeof d === 'string') compileSteps(d, out);
      else out.push(d);
    }
  }
}

/**
 * Compiles a format into a parser; `nowMs` matters only for a format without a year (see the
 * file comment), and defaults to the current time, read only then.
 * Throws TimeFormatError for a format with an unsupported directive.
 */
export function compileStrptime(fmt: string): (s: string, nowMs?: number) => number | null {
  const steps: Step[] = [];
  compileSteps(fmt, steps);
  const f: Fields = { y: 0, m: 0, d: 0, doy: 0, h: 0, mi: 0, sec: 0, ms: 0, h12: false, pm: false, offMs: 0, epochMs: NaN };
  let lastKey = -1;
  let lastBase = 0;
  // The UTC year holding the last `nowMs` seen, and its bounds.
  let nowYear = 0;
  let yearStart = Infinity;
  let nextYearStart = -Infinity;

  /** The time read into `f`, in year `y`; null when that day does not exist in `y`. */
  const timeIn = (y: number): number | null => {
    let base: number;
    if (f.doy > 0) {
      if (f.doy > (isLeapYear(y) ? 366 : 365)) return null;
      base = (daysFromCivil(y, 1, 1) + f.doy - 1) * MS_PER_DAY;
    } else {
      const key = y * 10000 + f.m * 100 + f.d;
      if (key !== lastKey) {
        if (!isValidDate(y, f.m, f.d)) return null;
        lastKey = key;
        lastBase = daysFromCivil(y, f.m, f.d) * MS_PER_DAY;
      }
      base = lastBase;
    }
    const h = f.h12 && f.pm ? f.h + 12 : f.h;
    return base + ((h * 60 + f.mi) * 60 + f.sec) * 1000 + f.ms - f.offMs;
  };

  /** The time read into `f` in the latest year that keeps it at most YEARLESS_SKEW_MS after `nowMs`. */
  const inferYear = (nowMs: number): number | null => {
    if (!(nowMs >= yearStart && nowMs < nextYearStart)) {
      nowYear = new Date(nowMs).getUTCFullYear();
      yearStart = daysFromCivil(nowYear, 1, 1) * MS_PER_DAY;
      nextYearStart = daysFromCivil(nowYear + 1, 1, 1) * MS_PER_DAY;
    }
    const limit = nowMs + YEARLESS_SKEW_MS;
    // Next year can only qualify in this year's last days (a day of skew, up to a day of offset).
    const first = limit + MS_PER_DAY >= nextYearStart ? nowYear + 1 : nowYear;
    for (let y = first; y >= first - YEARS_BACK; y--) {
      const t = timeIn(y);
      if (t !== null && t <= limit) return t;
    }
    return null;
  };

  return (s, nowMs) => {
    f.y = NO_YEAR;
    f.m = 1;
    f.d = 1;
    f.doy = 0;
    f.h = 0;
    f.mi = 0;
    f.sec = 0;
    f.ms = 0;
    f.h12 = false;
    f.pm = false;
    f.offMs = 0;
    f.epochMs = NaN;
    let i = 0;
    for (let k = 0; k < steps.length; k++) {
      i = steps[k]!(s, i, f);
      if (i < 0) return null;
    }
    while (s.charCodeAt(i) === 32) i++;
    if (i !== s.length) return null;
    if (f.epochMs === f.epochMs) return f.epochMs;
    return f.y === NO_YEAR ? inferYear(nowMs ?? Date.now()) : timeIn(f.y);
  };
}
