import type { DeadLetter } from '../chain/chunk.js';

/**
 * The bad record that stands for the damaged rest of an input (SPEC §7: bad input is skipped,
 * counted and reported, and the job goes on): where the damage starts, why, and the start of
 * the line it cut off.
 */
export function damageLetter(source: string, ev: { line: number; error: string; tail: Buffer }): DeadLetter {
  const d: DeadLetter = { source, line: ev.line, error: `${ev.error}; the rest of this input is skipped`, raw: ev.tail.toString('utf8') };
  if (ev.tail.length > 0) d.truncated = true;
  return d;
}
