import type { Rec, Value } from '../../../src/engine/record.js';
import { DecodeError, type LineDecoder } from '../../../src/io/formats/index.js';

/** What a decode did: a result (record or undefined) or a DecodeError message. */
export type Outcome = { ok: Rec | undefined } | { error: string };

export function outcome(run: () => Rec | undefined): Outcome {
  try {
    return { ok: run() };
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    return { error: err.message };
  }
}

/**
 * The contract's reference: the full record's own keys that are in `fields`, in the full
 * record's order (defined as own properties, so a `__proto__` key stays a key).
 */
export function pick(full: Rec, fields: readonly string[]): Rec {
  const rec: Rec = {};
  for (const key of Object.keys(full)) {
    if (fields.includes(key)) {
      Object.defineProperty(rec, key, { value: full[key], writable: true, enumerable: true, configurable: true });
    }
  }
  return rec;
}

/** The same own keys in the same order (as JSON.stringify shows them) with `Object.is` values. */
export function sameRecord(a: Rec | undefined, b: Rec | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, j) => k !== kb[j])) return false;
  return ka.every((k) => Object.is(a[k] as Value, b[k] as Value));
}

export function sameOutcome(a: Outcome, b: Outcome): boolean {
  if ('error' in a || 'error' in b) return 'error' in a && 'error' in b && a.error === b.error;
  return sameRecord(a.ok, b.ok);
}

/** Readable form of an outcome for assertion messages. */
export function show(o: Outcome): string {
  if ('error' in o) return `error: ${o.error}`;
  return o.ok === undefined ? 'undefined' : JSON.stringify(Object.entries(o.ok));
}

/**
 * Feeds the same lines to a projected and a full decoder and checks, line by line, that the
 * projected outcome equals the full one picked to `fields`. Returns the first mismatch, or null.
 */
export function firstMismatch(
  projected: LineDecoder, full: LineDecoder, fields: readonly string[], lines: readonly string[],
): string | null {
  for (const line of lines) {
    const got = outcome(() => projected.decode(line));
    const ref = outcome(() => {
      const rec = full.decode(line);
      return rec === undefined ? undefined : pick(rec, fields);
    });
    if (!sameOutcome(got, ref)) {
      return `line ${JSON.stringify(line)} fields ${JSON.stringify(fields)}: got ${show(got)}, want ${show(ref)}`;
    }
  }
  return null;
}
