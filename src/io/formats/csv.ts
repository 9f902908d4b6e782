import { setField, type Rec } from '../../common/record.js';
import { headerNames } from './csv-header.js';
import { CsvProjection } from './csv-projection.js';
import { csvCellValue, splitCsvRow } from './csv-row.js';
import { DecodeError, type LineDecoder } from '../../engine/contracts/decoder.js';
import { FieldSet } from './field-set.js';
import { isBlank } from '../../common/is-blank.js';

const COMMA = 44;

/**
 * `csv` (RFC-4180 quoting) and `tsv` (cells split on tabs, no quoting). The first non-blank line
 * is the header: it yields no record. Then each row becomes a record keyed by the header:
 * numbers become numbers, an empty unquoted cell is null (a quoted `""` stays ""), and a row with
 * another number of cells than the header is a DecodeError. Blank lines are skipped. Header
 * names are made distinct (see headerNames): an empty one becomes `_N` (N = 1-based column),
 * and a repeated one gets `_1`, `_2`, ... as in DuckDB, so no column is lost.
 *
 * Workers decoding chunks of one split in parallel need the header first: `setHeader` primes a
 * decoder with the header line read elsewhere.
 *
 * With `fields` (projection push-down) a record holds only the header's columns named in
 * `fields`, exactly as the full record would hold them (same values, same key order); the rows
 * are checked as strictly (cell count, quoting) and give the same DecodeErrors.
 */
export class CsvDecoder implements LineDecoder {
  private names: string[] | null = null;
  /** A header name is `__proto__`: fields are then set one by one (see setField). */
  private protoName = false;
  private readonly quoted: boolean[] = [];
  private readonly fields: FieldSet | null;
  private projection: CsvProjection | null = null;

  constructor(
    readonly kind: 'csv' | 'tsv',
    fields: readonly string[] | null = null,
  ) {
    this.fields = fields === null ? null : new FieldSet(fields);
  }

  /** The header's names once known. */
  get header(): readonly string[] | null {
    return this.names;
  }

  /** Takes `line` as the header row. */
  setHeader(line: string): void {
    this.names = headerNames(this.split(line));
    this.protoName = this.names.includes('__proto__');
    if (this.fields !== null) this.projection = new CsvProjection(this.kind, this.names, this.fields);
  }

  decode(line: string): Rec | undefined {
    if (line.length === 0 || isBlank(line)) return undefined;
    const names = this.names;
    if (names === null) {
      this.setHeader(line);
      return undefined;
    }
    if (this.projection !== null) return this.projection.decode(line);
    const cells = this.split(line);
    if (cells.length !== names.length) {
      throw new DecodeError(`${this.kind}: expected ${names.length} columns (as in the header), got ${cells.length}`);
    }
    const rec: Rec = {};
    const quoted = this.quoted;
    if (this.protoName) {
      for (let i = 0; i < cells.length; i++) setField(rec, names[i] as string, csvCellValue(cells[i] as string, quoted[i] === true));
      return rec;
    }
    for (let i = 0; i < cells.length; i++) {
      rec[names[i] as string] = csvCellValue(cells[i] as string, quoted[i] === true);
    }
    return rec;
  }

  private split(line: string): string[] {
    if (this.kind === 'tsv') {
      this.quoted.length = 0;
      return line.split('\t');
    }
    return splitCsvRow(line, COMMA, this.quoted);
  }
}
