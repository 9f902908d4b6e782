/**
 * `formatStrftime(ms, fmt)`: a UTC time as text by a strftime-like format, for file path
 * templates such as `out/{window_start:%Y-%m-%d}/part.ndjson`.
 *
 * Directives: %Y %m %d %H %M %S (zero-padded) %e (space-padded day) %j (day of year, 3 digits)
 * %y %f (milliseconds, 3 digits) %s (epoch seconds) %b %B %a %A (English names) %z (`+0000`)
 * %Z (`UTC`) %F (= %Y-%m-%d) %T (= %H:%M:%S) %%. Formats are compiled once and cached.
 */
import { civilFromDays, daysFromCivil, MONTH_ABBR, MONTH_NAMES, MS_PER_DAY, WEEKDAY_ABBR, WEEKDAY_NAMES } from './civil.js';
import { PAD2 } from './format-iso.js';
import { TimeFormatError } from './time-format-error.js';

interface Parts {
  ms: number;
  day: number;
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  sec: number;
  milli: number;
}

type Piece = string | ((p: Parts) => string);

const pad4 = (n: number): string => (n >= 0 && n < 1000 ? String(n).padStart(4, '0') : String(n));

const DIRECTIVES: Record<string, Piece | Piece[]> = {
  Y: (p) => pad4(p.y),
  m: (p) => PAD2[p.m]!,
  d: (p) => PAD2[p.d]!,
  e: (p) => (p.d < 10 ? ` ${p.d}` : String(p.d)),
  H: (p) => PAD2[p.h]!,
  M: (p) => PAD2[p.mi]!,
  S: (p) => PAD2[p.sec]!,
  f: (p) => String(p.milli).padStart(3, '0'),
  j: (p) => String(p.day - daysFromCivil(p.y, 1, 1) + 1).padStart(3, '0'),
  y: (p) => PAD2[((p.y % 100) + 100) % 100]!,
  s: (p) => String(Math.floor(p.ms / 1000)),
  b: (p) => MONTH_ABBR[p.m - 1]!,
  B: (p) => MONTH_NAMES[p.m - 1]!,
  a: (p) => WEEKDAY_ABBR[(((p.day + 4) % 7) + 7) % 7]!,
  A: (p) => WEEKDAY_NAMES[(((p.day + 4) % 7) + 7) % 7]!,
  z: '+0000',
  Z: 'UTC',
  '%': '%',
};
DIRECTIVES.h = DIRECTIVES.b!;
DIRECTIVES.F = [DIRECTIVES.Y, '-', DIRECTIVES.m, '-', DIRECTIVES.d] as Piece[];
DIRECTIVES.T = [DIRECTIVES.H, ':', DIRECTIVES.M, ':', DIRECTIVES.S] as Piece[];

/** The directive letters `formatStrftime` knows (for `fstream help time-formats`). */
export const STRFTIME_LETTERS: readonly string[] = Object.keys(DIRECTIVES);

/** Compiles a format into pieces, adjacent literal text merged. Throws TimeFormatError. */
function compileFormat(fmt: string): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  const push = (p: Piece): void => {
    if (typeof p === 'string') {
      text += p;
      return;
    }
    if (text !== '') pieces.push(text);
    text = '';
    pieces.push(p);
  };
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%') {
      text += c;
      continue;
    }
    const name = fmt[++i];
    const d = name !== undefined && Object.hasOwn(DIRECTIVES, name) ? DIRECTIVES[name] : undefined;
    if (d === undefined) throw new TimeFormatError(`unsupported directive \`%${name ?? ''}\` in format "${fmt}"`);
    if (Array.isArray(d)) d.forEach(push);
    else push(d);
  }
  if (text !== '') pieces.push(text);
  return pieces;
}

const compiled = new Map<string, Piece[]>();
const parts: Parts = { ms: 0, day: 0, y: 0, m: 0, d: 0, h: 0, mi: 0, sec: 0, milli: 0 };

/** Throws TimeFormatError for an unsupported directive (check templates once with `validateStrftime`). */
export function formatStrftime(ms: number, fmt: string): string {
  let pieces = compiled.get(fmt);
  if (pieces === undefined) {
    pieces = compileFormat(fmt);
    if (compiled.size >= 64) compiled.clear();
    compiled.set(fmt, pieces);
  }
  const t = Math.floor(ms);
  const day = Math.floor(t / MS_PER_DAY);
  civilFromDays(day, parts);
  const inDay = t - day * MS_PER_DAY;
  parts.ms = t;
  parts.day = day;
  parts.h = Math.floor(inDay / 3_600_000);
  parts.mi = Math.floor(inDay / 60_000) % 60;
  parts.sec = Math.floor(inDay / 1000) % 60;
  parts.milli = inDay % 1000;
  let out = '';
  for (const p of pieces) out += typeof p === 'string' ? p : p(parts);
  return out;
}

/** Throws TimeFormatError when `fmt` has an unsupported directive. */
export function validateStrftime(fmt: string): void {
  compileFormat(fmt);
}
