import type { Rec, Value } from '../../../src/common/record.js';
import type { LineDecoder } from '../../../src/io/formats/index.js';
import { outcome, pick, type Outcome } from '../json-scan/helpers.js';

/** The contract's reference: the full record's wanted keys, in its order (shared with the json projector's tests). */
export { outcome, pick, type Outcome };

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
export function firstMismatch(projected: LineDecoder, full: LineDecoder, fields: readonly string[], lines: readonly string[]): string | null {
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
