import { jsonText } from '../../common/json-text.js';
import type { Value } from '../../common/record.js';

import type { ResultChange } from '../contracts/result.js';

const RANK: Record<string, number> = { object: 0, boolean: 1, number: 2, string: 3 };

function rank(v: Value): number {
  return v === null ? -1 : (RANK[typeof v] ?? 4);
}

export function compareValues(a: Value, b: Value): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number') return compareNumbers(a, b as number);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (typeof a === 'boolean') return Number(a) - Number(b);
  if (a === null) return 0;
  const sa = jsonText(a);
  const sb = jsonText(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Numbers in order, ±Infinity included, and NaN after all of them (a total order). */
function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  return a === a ? -1 : b === b ? 1 : 0;
}

/** Windows by end, then start; no window counts as (−∞, +∞). */
export function compareWindows(a: { start: number; end: number } | null, b: { start: number; end: number } | null): number {
  const aEnd = a?.end ?? Infinity;
  const bEnd = b?.end ?? Infinity;
  if (aEnd !== bEnd) return aEnd < bEnd ? -1 : 1;
  const aStart = a?.start ?? -Infinity;
  const bStart = b?.start ?? -Infinity;
  if (aStart !== bStart) return aStart < bStart ? -1 : 1;
  return 0;
}

/**
 * The order of results within one firing — by window end, then start (a result without a window
 * counts as (−∞, +∞)), then the `by` values — the same at every parallelism, so output is
 * deterministic. Windows that fire later always end later, so the whole output is in this order.
 */
export function compareResults(a: ResultChange, b: ResultChange): number {
  const w = compareWindows(a.window, b.window);
  if (w !== 0) return w;
  for (let i = 0; i < a.group.length; i++) {
    const c = compareValues(a.group[i]!, b.group[i]!);
    if (c !== 0) return c;
  }
  return 0;
}
