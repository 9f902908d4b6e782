import type { Rec } from '../../common/record.js';
import type { Encoder } from './encoder.js';
import { csvCell, csvQuote } from './csv-encoder.js';

/**
 * CSV for one final file that may already have its header (after a restart): with `columns`
 * given, no header is written and rows follow those columns; without, the first record fixes
 * them and the header is written once. Same cells and quoting as `CsvEncoder`.
 */
export class CsvRows implements Encoder {
  constructor(public columns: string[] | null = null) {}

  encode(rec: Rec): string {
    let head = '';
    if (this.columns === null) {
      this.columns = Object.keys(rec);
      head = line(this.columns.map(csvQuote));
    }
    return head + line(this.columns.map((c) => csvCell(rec[c])));
  }

  flush(): string {
    return '';
  }
}

function line(cells: string[]): string {
  return cells.length === 1 && cells[0] === '' ? '""\n' : cells.join(',') + '\n';
}
