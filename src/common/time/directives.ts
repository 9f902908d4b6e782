import { STRFTIME_LETTERS } from './strftime.js';
import { STRPTIME_LETTERS } from './strptime.js';

/** One directive of the strftime-like time formats, as `fstream help time-formats` lists it. */
export interface DirectiveDoc {
  letter: string;
  meaning: string;
  /** 2026-03-01T09:05:07.042Z written with this directive. */
  example: string;
  /** Accepted by `--time-format` / `time ... format` (reading) and by `{field:FMT}` in `--to` (writing). */
  read: boolean;
  write: boolean;
}

const MEANINGS: Record<string, [string, string]> = {
  Y: ['year, 4 digits', '2026'],
  y: ['year, 2 digits (reading: 69–99 → 19xx, else 20xx)', '26'],
  m: ['month 01–12', '03'],
  d: ['day of the month 01–31', '01'],
  e: ['day of the month, space-padded', ' 1'],
  j: ['day of the year 001–366', '060'],
  H: ['hour 00–23', '09'],
  I: ['hour 01–12 (with %p)', '09'],
  p: ['AM or PM', 'AM'],
  M: ['minute 00–59', '05'],
  S: ['second 00–59', '07'],
  f: ['fraction of a second (writing: milliseconds, 3 digits)', '042'],
  s: ['seconds since the epoch (reading: may be negative or fractional)', '1772355907'],
  b: ['month name, abbreviated (reading: also the full name)', 'Mar'],
  h: ['same as %b', 'Mar'],
  B: ['month name', 'March'],
  a: ['weekday name, abbreviated (reading: also the full name)', 'Sun'],
  A: ['weekday name', 'Sunday'],
  z: ['UTC offset (reading: Z, ±hh:mm, ±hhmm or ±hh; writing: +0000)', '+0000'],
  Z: ['zone name (reading: UTC, GMT or Z; writing: UTC)', 'UTC'],
  F: ['same as %Y-%m-%d', '2026-03-01'],
  T: ['same as %H:%M:%S', '09:05:07'],
  '%': ['a literal %', '%'],
};

/** Every directive either side knows, with where it may be used. */
export function directiveDocs(): DirectiveDoc[] {
  const letters = [...new Set([...STRPTIME_LETTERS, ...STRFTIME_LETTERS])];
  return letters.map((letter) => {
    const [meaning, example] = MEANINGS[letter] ?? ['', ''];
    return { letter, meaning, example, read: STRPTIME_LETTERS.includes(letter), write: STRFTIME_LETTERS.includes(letter) };
  });
}
