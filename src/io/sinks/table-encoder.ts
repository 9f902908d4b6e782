import { Chalk, type ChalkInstance } from 'chalk';
import type { Rec } from '../../engine/record.js';
import type { Encoder } from './encoder.js';
import { EMPTY_CELL, tableCell, textCell, type Cell, type CellKind } from './table-cell.js';

export interface TableOptions {
  /** Bold header and dim nulls; decided by the caller (see `colorEnabled`), never detected here. */
  color: boolean;
  /** Cells wider than this many columns are cut with `…`; default 60. */
  maxCellWidth?: number;
  /** Rows held back before they are printed even without a flush; default 1000. */
  maxBufferedRows?: number;
}

const GAP = '  ';

/**
 * Aligned columns for a terminal. Widths of future rows are unknown, so rows are held until a
 * flush and printed with widths from the header and the held rows. Widths are kept from then on
 * and only grow: when a later value is wider, or a record brings a new field (a new column at
 * the right), a fresh header is printed with the new layout.
 */
export class TableEncoder implements Encoder {
  private readonly chalk: ChalkInstance;
  private readonly color: boolean;
  private readonly maxCellWidth: number;
  private readonly maxBufferedRows: number;
  private readonly header: Cell[] = [];
  private readonly index = new Map<string, number>();
  /** Per column: right-aligned header, decided by the first non-null value seen. */
  private readonly numeric: (boolean | undefined)[] = [];
  private widths: number[] = [];
  private printed: number[] | null = null;
  private pending: Cell[][] = [];

  constructor(opts: TableOptions) {
    this.color = opts.color;
    this.chalk = new Chalk({ level: opts.color ? 1 : 0 });
    this.maxCellWidth = opts.maxCellWidth ?? 60;
    this.maxBufferedRows = opts.maxBufferedRows ?? 1000;
  }

  encode(rec: Rec): string {
    const row: Cell[] = [];
    for (const field in rec) {
      let col = this.index.get(field);
      if (col === undefined) col = this.addColumn(field);
      const cell = tableCell(rec[field], this.maxCellWidth);
      row[col] = cell;
      if (this.numeric[col] === undefined && (cell.kind === 'number' || cell.kind === 'text')) {
        this.numeric[col] = cell.kind === 'number';
      }
    }
    this.pending.push(row);
    return this.pending.length >= this.maxBufferedRows ? this.flush() : '';
  }

  flush(): string {
    if (this.pending.length === 0) return '';
    const widths = this.widths;
    for (let c = widths.length; c < this.header.length; c++) widths[c] = this.header[c]!.width;
    for (const row of this.pending) {
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (cell !== undefined && cell.width > widths[c]!) widths[c] = cell.width;
      }
    }
    let out = '';
    if (this.layoutChanged()) {
      this.printed = widths.slice();
      out += this.line(this.header, true);
    }
    for (const row of this.pending) out += this.line(row, false);
    this.pending = [];
    return out;
  }

  private addColumn(field: string): number {
    const col = this.header.length;
    this.header.push(textCell(field, this.maxCellWidth));
    this.index.set(field, col);
    return col;
  }

  private layoutChanged(): boolean {
    const printed = this.printed;
    if (printed === null || printed.length !== this.widths.length) return true;
    return this.widths.some((w, c) => w !== printed[c]);
  }

  /** One line; no trailing spaces: empty cells at the end and the last left-aligned cell are not padded. */
  private line(cells: Cell[], isHeader: boolean): string {
    let last = cells.length - 1;
    while (last >= 0 && (cells[last] ?? EMPTY_CELL).width === 0) last--;
    let out = '';
    for (let c = 0; c <= last; c++) {
      const cell = cells[c] ?? EMPTY_CELL;
      const right = isHeader ? this.numeric[c] === true : cell.kind === 'number';
      const pad = ' '.repeat(this.widths[c]! - cell.width);
      const text = this.paint(cell.text, isHeader ? 'header' : cell.kind);
      if (c > 0) out += GAP;
      out += right ? pad + text : c === last ? text : text + pad;
    }
    return out + '\n';
  }

  private paint(text: string, kind: CellKind | 'header'): string {
    if (!this.color) return text;
    if (kind === 'header') return this.chalk.bold(text);
    if (kind === 'null') return this.chalk.dim(text);
    return text;
  }
}
