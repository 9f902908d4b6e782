import type { Rec } from '../../engine/record.js';
import { DecodeError, type LineDecoder } from './decoder.js';
import { splitCsvRow } from './csv-row.js';
import { isBlank, parseNumber } from './scalar.js';

const COMMA = 44;

/**
 * `csv` (RFC-4180 quoting) and `tsv` (cells split on tabs, no quoting). The first non-blank line
 * is the header: it yields no record. Then each row becomes a record keyed by the header:
 * numbers become numbers, an empty unquoted cell is null (a quoted `""` stays ""), and a row with
 * another number of cells than the header is a DecodeError. Blank lines are skipped. An empty
 * header name becomes `_N` (N = 1-based column). A leading byte order mark is dropped.
 *
 * Workers decoding chunks of one split in parallel need the header first: `setHeader` primes a
 * decoder with the header line read elsewhere.
 */
export class CsvDecoder implements LineDecoder {
  private names: string[] | null = null;
  private readonly quoted: boolean[] = [];

  constructor(readonly kind: 'csv' | 'tsv') {}

  /** The header's names once known. */
  get header(): readonly string[] | null {
    return this.names;
  }

  /** Takes `line` as the header row. */
  setHeader(line: string): void {
    if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    const cells = this.split(line);
    this.names = cells.map((c, i) => (c === '' ? `_${i + 1}` : c));
  }

  decode(line: string): Rec | undefined {
    if (line.length === 0 || isBlank(line)) return undefined;
    const names = this.names;
    if (names === null) {
      this.setHeader(line);
      return undefined;
    }
    const cells = this.split(line);
    if (cells.length !== names.length) {
      throw new DecodeError(
        `${this.kind}: expected ${names.length} columns (as in the header), got ${cells.length}`,
      );
    }
    const rec: Rec = {};
    const quoted = this.quoted;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as string;
      if (cell === '') {
        rec[names[i] as string] = quoted[i] === true ? '' : null;
      } else {
        const num = parseNumber(cell);
        rec[names[i] as string] = num === undefined ? cell : num;
      }
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
