/**
 * Event time from a field value (SPEC §5), in epoch milliseconds.
 *
 * Without a format, a value is read as:
 * - a number: epoch seconds / ms / µs / ns by magnitude (parse-epoch.ts);
 * - a string: ISO-8601 (parse-iso.ts), else CLF `10/Oct/2000:13:55:36 -0700` (parse-clf.ts),
 *   else a numeric epoch string.
 * With a strftime-like format (strptime.ts), a string must match it; a number is still taken as
 * an epoch, since a format describes text.
 *
 * null means unreadable: the caller sends the record to the dead-letter file. Nothing is ever
 * silently read as epoch 0. Booleans, arrays, objects and `null` are unreadable.
 */
import type { Value } from '../record.js';
import { MAX_EPOCH_MS } from './civil.js';
import { createClfParser } from './parse-clf.js';
import { epochNumberToMs, parseEpochString } from './parse-epoch.js';
import { createIsoParser } from './parse-iso.js';
import { compileStrptime } from './strptime.js';

/**
 * `nowMs`: the wall-clock time (epoch ms) the value was read, default the current time. Only a
 * format without a year uses it, to infer the year (see strptime.ts): passing it makes a parse
 * independent of when it runs.
 */
export type TimestampParser = (v: Value, nowMs?: number) => number | null;

/**
 * Creates a parser; call once per pipeline (each parser keeps its own one-day cache).
 * Throws TimeFormatError for a format with an unsupported directive.
 */
export function createTimestampParser(format?: string): TimestampParser {
  const text: (s: string, nowMs?: number) => number | null = format === undefined || format === '' ? createAutoTextParser() : compileStrptime(format);
  return (v, nowMs) => {
    if (typeof v === 'string') {
      const ms = text(v, nowMs);
      return ms !== null && ms >= -MAX_EPOCH_MS && ms <= MAX_EPOCH_MS ? ms : null;
    }
    if (typeof v === 'number') return epochNumberToMs(v);
    return null;
  };
}

function createAutoTextParser(): (s: string) => number | null {
  const iso = createIsoParser();
  const clf = createClfParser();
  return (s) => {
    // Dispatch on shape: `yyyy-` is ISO, a `/` in the first 4 characters is CLF.
    let i = 0;
    while (s.charCodeAt(i) === 32) i++;
    if (s.charCodeAt(i + 4) === 45) return iso(s);
    const c = s.charCodeAt(i);
    if (c === 91 /* [ */ || s.charCodeAt(i + 1) === 47 || s.charCodeAt(i + 2) === 47) return clf(s);
    return parseEpochString(s);
  };
}

/** Throws TimeFormatError when `format` has an unsupported directive; for the checker. */
export function validateTimeFormat(format: string): void {
  compileStrptime(format);
}
