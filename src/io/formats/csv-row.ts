import type { Value } from '../../common/record.js';
import { DecodeError } from '../../engine/contracts/decoder.js';
import { parseNumber } from '../../common/scalar.js';

const QUOTE = 34;

/** Every cell of one CSV line (see scanCsvRow); `quoted[i]` tells whether cell i was quoted. */
export function splitCsvRow(line: string, sep: number, quoted: boolean[]): string[] {
  const cells: string[] = [];
  quoted.length = 0;
  scanCsvRow(line, String.fromCharCode(sep), null, cells, quoted);
  return cells;
}

/** A cell's value: an empty unquoted cell is null (a quoted `""` stays ""), numbers become numbers. */
export function csvCellValue(cell: string, quoted: boolean): Value {
  if (cell === '') return quoted ? '' : null;
  const num = parseNumber(cell);
  return num === undefined ? cell : num;
}

/**
 * Scans one CSV line (RFC 4180): a quoted cell may hold commas and doubled quotes (`""` → `"`).
 * A record cannot span lines here: an unterminated quote is a DecodeError. Every cell is scanned
 * and its quoting checked, but only a cell whose `want[i]` is 1 (every cell when `want` is null)
 * is materialised, into `cells[i]`, with `quoted[i]` telling whether it was quoted; the other
 * entries are left as they were. Returns the number of cells in the row.
 */
export function scanCsvRow(line: string, sep: string, want: Uint8Array | null, cells: string[], quoted: boolean[]): number {
  const n = line.length;
  const sepCode = sep.charCodeAt(0);
  const w = want === null ? 0 : want.length;
  let col = 0;
  let i = 0;
  for (;;) {
    const keep = want === null || (col < w && want[col] === 1);
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
