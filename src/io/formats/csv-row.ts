import type { Value } from '../../engine/record.js';
import { DecodeError } from './decoder.js';
import { parseNumber } from './scalar.js';

const QUOTE = 34;

/**
 * Splits one CSV line (RFC 4180) into cells. A quoted cell may hold commas and doubled quotes
 * (`""` → `"`); `quoted[i]` tells whether cell i was quoted. A record cannot span lines here:
 * an unterminated quote is a DecodeError.
 */
export function splitCsvRow(line: string, sep: number, quoted: boolean[]): string[] {
  const cells: string[] = [];
  quoted.length = 0;
  const n = line.length;
  let i = 0;
  for (;;) {
    if (i < n && line.charCodeAt(i) === QUOTE) {
      let cell = '';
      let from = i + 1;
      let j = from;
      for (;;) {
        j = line.indexOf('"', j);
        if (j < 0) throw new DecodeError(`csv: unterminated quoted field in column ${cells.length + 1}`);
        if (line.charCodeAt(j + 1) === QUOTE) {
          cell += line.slice(from, j + 1);
          j += 2;
          from = j;
          continue;
        }
        break;
      }
      cell += line.slice(from, j);
      i = j + 1;
      if (i < n && line.charCodeAt(i) !== sep) {
        throw new DecodeError(`csv: unexpected text after the closing quote in column ${cells.length + 1}`);
      }
      cells.push(cell);
      quoted.push(true);
    } else {
      let j = i;
      while (j < n && line.charCodeAt(j) !== sep) j++;
      cells.push(line.slice(i, j));
      quoted.push(false);
      i = j;
    }
    if (i >= n) return cells;
    i++; // past the separator
  }
}

/** A cell's value: an empty unquoted cell is null (a quoted `""` stays ""), numbers become numbers. */
export function csvCellValue(cell: string, quoted: boolean): Value {
  if (cell === '') return quoted ? '' : null;
  const num = parseNumber(cell);
  return num === undefined ? cell : num;
}
