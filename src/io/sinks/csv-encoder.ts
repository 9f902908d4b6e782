import { jsonText } from '../../common/json-text.js';
import type { Rec, Value } from '../../common/record.js';
import type { Encoder } from './encoder.js';

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 quoting: only when the text holds a comma, a quote, CR or LF. */
export function csvQuote(text: string): string {
  return NEEDS_QUOTES.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/**
 * One cell: null and absent fields are empty, objects and arrays are JSON text, a number that is
 * not finite is `Infinity`, `-Infinity` or `NaN` (see jsonText).
 */
export function csvCell(value: Value | undefined): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return csvQuote(value);
    case 'number':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return csvQuote(jsonText(value));
  }
}

/**
 * CSV with a header row. The first record fixes the columns: later records' missing fields are
 * empty cells and fields the header does not name are dropped (a CSV file has one header).
 * Lines end with LF, as Unix tools expect. A row that would be an empty line (one column, empty
 * cell) is written as `""`, so that readers which skip blank lines do not lose it.
 */
export class CsvEncoder implements Encoder {
  private columns: string[] | null = null;

  encode(rec: Rec): string {
    let head = '';
    if (this.columns === null) {
      this.columns = Object.keys(rec);
      head = this.line(this.columns.map(csvQuote));
    }
    const cols = this.columns;
    const cells = new Array<string>(cols.length);
    for (let i = 0; i < cols.length; i++) cells[i] = csvCell(rec[cols[i]!]);
    return head + this.line(cells);
  }

  flush(): string {
    return '';
  }

  private line(cells: string[]): string {
    if (cells.length === 1 && cells[0] === '') return '""\n';
    return cells.join(',') + '\n';
  }
}
