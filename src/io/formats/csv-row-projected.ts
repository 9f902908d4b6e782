import { DecodeError } from './decoder.js';

const QUOTE = 34;

/**
 * `splitCsvRow` for a row of which only some cells are read: every cell is scanned and its
 * quoting checked exactly as `splitCsvRow` does (same DecodeErrors, same first error), but only a
 * cell whose `want[i]` is 1 is materialised, into `cells[i]`, with `quoted[i]` set. The other
 * entries of `cells`/`quoted` are left as they were. Returns the number of cells in the row.
 */
export function scanCsvRow(line: string, sep: string, want: Uint8Array, cells: string[], quoted: boolean[]): number {
  const n = line.length;
  const sepCode = sep.charCodeAt(0);
  const w = want.length;
  let col = 0;
  let i = 0;
  for (;;) {
    const keep = col < w && want[col] === 1;
    if (i < n && line.charCodeAt(i) === QUOTE) {
      let cell = '';
      let from = i + 1;
      let j = from;
      for (;;) {
        j = line.indexOf('"', j);
        if (j < 0) throw new DecodeError(`csv: unterminated quoted field in column ${col + 1}`);
        if (line.charCodeAt(j + 1) === QUOTE) {
          if (keep) cell += line.slice(from, j + 1);
          j += 2;
          from = j;
          continue;
        }
        break;
      }
      i = j + 1;
      if (i < n && line.charCodeAt(i) !== sepCode) {
        throw new DecodeError(`csv: unexpected text after the closing quote in column ${col + 1}`);
      }
      if (keep) {
        cells[col] = cell + line.slice(from, j);
        quoted[col] = true;
      }
    } else {
      let j = line.indexOf(sep, i);
      if (j < 0) j = n;
      if (keep) {
        cells[col] = line.slice(i, j);
        quoted[col] = false;
      }
      i = j;
    }
    col++;
    if (i >= n) return col;
    i++; // past the separator
  }
}

/**
 * `line.split('\t')` for a row of which only some cells are read: only a cell whose `want[i]`
 * is 1 is sliced, into `cells[i]`. Returns the number of cells in the row.
 */
export function scanTsvRow(line: string, want: Uint8Array, cells: string[]): number {
  const w = want.length;
  let col = 0;
  let i = 0;
  for (;;) {
    let j = line.indexOf('\t', i);
    const last = j < 0;
    if (last) j = line.length;
    if (col < w && want[col] === 1) cells[col] = line.slice(i, j);
    col++;
    if (last) return col;
    i = j + 1;
  }
}
