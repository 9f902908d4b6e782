import { setField, type Rec } from '../../common/record.js';
import { csvCellValue, scanCsvRow, scanTsvRow } from './csv-row.js';
import { DecodeError } from '../../engine/contracts/decoder.js';
import type { FieldSet } from './field-set.js';

/**
 * The rows of one csv/tsv header decoded with projection push-down: which columns to read is
 * worked out once from the header; a row is still scanned whole (cell count, quoting), but only
 * the cells of wanted columns are materialised and typed.
 *
 * `decode(row)` equals `CsvDecoder`'s full decode with only the wanted names kept, in the same
 * key order: every column whose name is wanted is assigned in column order, as the full decode
 * does (the names are distinct: see headerNames).
 */
export class CsvProjection {
  private readonly want: Uint8Array;
  /** Column indexes to assign, in column order, and the record key for each. */
  private readonly columns: number[] = [];
  private readonly keys: string[] = [];
  private readonly cells: string[] = [];
  private readonly quoted: boolean[] = [];

  constructor(
    private readonly kind: 'csv' | 'tsv',
    private readonly names: readonly string[],
    fields: FieldSet,
  ) {
    this.want = new Uint8Array(names.length);
    names.forEach((name, i) => {
      if (!fields.has(name)) return;
      this.want[i] = 1;
      this.columns.push(i);
      this.keys.push(name);
    });
  }

  /** A data row (not blank, not the header) as a record of the wanted columns. */
  decode(line: string): Rec {
    const { cells, quoted } = this;
    const count = this.kind === 'tsv' ? scanTsvRow(line, this.want, cells) : scanCsvRow(line, ',', this.want, cells, quoted);
    if (count !== this.names.length) {
      throw new DecodeError(`${this.kind}: expected ${this.names.length} columns (as in the header), got ${count}`);
    }
    const rec: Rec = {};
    const { columns, keys } = this;
    const tsv = this.kind === 'tsv';
    for (let k = 0; k < columns.length; k++) {
      const i = columns[k] as number;
      setField(rec, keys[k] as string, csvCellValue(cells[i] as string, !tsv && quoted[i] === true));
    }
    return rec;
  }
}
