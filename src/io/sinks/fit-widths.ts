/** Narrowest a column is made to fit a terminal: two characters and `…`. */
export const MIN_COLUMN_WIDTH = 3;

/**
 * Column widths for a table `width` terminal columns wide, from the widths the columns would
 * like (`natural`) and the separator between them (`gap` columns).
 *
 * - When the natural widths fit, they are returned unchanged.
 * - Otherwise every column keeps at least `min(natural, MIN_COLUMN_WIDTH)`; key columns
 *   (`isKey`) then get their natural width if the rest can still keep that minimum, and the
 *   remaining room is shared out evenly (max-min fair: a column that needs less than an even
 *   share leaves the rest to the others). If the keys alone do not fit, they share the room and
 *   the other columns stay at the minimum.
 * - When even the minimums do not fit, the minimums are returned (the line is wider than the
 *   terminal; no column is hidden).
 */
export function fitWidths(natural: readonly number[], isKey: readonly boolean[], width: number, gap: number): number[] {
  const room = width - gap * Math.max(0, natural.length - 1);
  if (sum(natural) <= room) return natural.slice();
  const out = natural.map((w) => Math.min(w, MIN_COLUMN_WIDTH));
  let spare = room - sum(out);
  if (spare <= 0) return out;
  const keys: number[] = [];
  const others: number[] = [];
  for (let c = 0; c < natural.length; c++) (isKey[c] === true ? keys : others).push(c);
  const keyNeed = keys.reduce((n, c) => n + natural[c]! - out[c]!, 0);
  if (keyNeed > spare) {
    shareOut(keys, natural, out, spare);
    return out;
  }
  for (const c of keys) out[c] = natural[c]!;
  spare -= keyNeed;
  shareOut(others, natural, out, spare);
  return out;
}

/**
 * Widens `cols` of `out` towards `natural` by `spare` columns in all, evenly (max-min fair);
 * what does not divide evenly goes to the columns further left.
 */
function shareOut(cols: number[], natural: readonly number[], out: number[], spare: number): void {
  const byNeed = cols.slice().sort((a, b) => natural[a]! - out[a]! - (natural[b]! - out[b]!) || b - a);
  for (let i = 0; i < byNeed.length; i++) {
    const c = byNeed[i]!;
    const share = Math.floor(spare / (byNeed.length - i));
    const give = Math.min(natural[c]! - out[c]!, share);
    out[c] = out[c]! + give;
    spare -= give;
  }
}

function sum(xs: readonly number[]): number {
  let n = 0;
  for (const x of xs) n += x;
  return n;
}
