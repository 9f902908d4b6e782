import { Chalk, type ChalkInstance } from 'chalk';
import type { Rec } from '../../common/record.js';
import { truncateToWidth } from './display-width.js';
import type { Encoder } from './encoder.js';
import { fitWidths } from './fit-widths.js';
import { EMPTY_CELL, tableCell, textCell, type Cell, type CellKind } from './table-cell.js';

export interface TableOptions {
  /** Bold header and dim nulls; decided by the caller (see `colorEnabled`), never detected here. */
  color: boolean;
  /** Cells wider than this many columns are cut with `…`; default 60. */
  maxCellWidth?: number;
  /** Rows held back before they are printed even without a flush; default 1000. */
  maxBufferedRows?: number;
  /**
   * The terminal's width in columns, read at every print (it may change), or undefined when
   * unknown (not a terminal): then the table is as wide as its columns (see fitWidths).
   */
  width?: number | (() => number | undefined);
  /** Fields that identify a row (window bounds, `by` fields): kept whole first when narrowing. */
  keyColumns?: readonly string[];
}

const GAP = '  ';

/**
 * Aligned columns for a terminal. Widths of future rows are unknown, so rows are held until a
 * flush and printed with widths from the header and the held rows. Widths are kept from then on
 * and only grow: when a later value is wider, or a record brings a new field (a new column at
 * the right), a fresh header is printed with the new layout. With a known terminal width the
 * columns are narrowed to fit it (see fitWidths) and cells cut with `…`; a fresh header is also
 * printed when that fitted layout changes (a resized terminal).
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
  /** Natural widths: the widest cell seen per column. */
  private widths: number[] = [];
  /** The widths lines are printed with: natural, or fitted to the terminal. */
  private shown: number[] = [];
  private printed: number[] | null = null;
  private readonly width: () => number | undefined;
  private readonly keyColumns: ReadonlySet<string>;
  /** Per column: one of `keyColumns`. */
  private readonly isKey: boolean[] = [];
  private pending: Cell[][] = [];

  constructor(opts: TableOptions) {
    this.color = opts.color;
    this.chalk = new Chalk({ level: opts.color ? 1 : 0 });
    this.maxCellWidth = opts.maxCellWidth ?? 60;
    this.maxBufferedRows = opts.maxBufferedRows ?? 1000;
    const width = opts.width;
    this.width = typeof width === 'function' ? width : () => width;
    this.keyColumns = new Set(opts.keyColumns ?? []);
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
    const width = this.width();
    this.shown = width === undefined || !(width > 0) ? widths : fitWidths(widths, this.isKey, width, GAP.length);
    let out = '';
    if (this.layoutChanged()) {
      this.printed = this.shown.slice();
      out += this.line(this.header, true);
    }
    for (const row of this.pending) out += this.line(row, false);
    this.pending = [];
    return out;
  }

  private addColumn(field: string): number {
    const col = this.header.length;
    this.header.push(textCell(field, this.maxCellWidth));
    this.isKey.push(this.keyColumns.has(field));
    this.index.set(field, col);
    return col;
  }

  private layoutChanged(): boolean {
    const printed = this.printed;
    if (printed === null || printed.length !== this.shown.length) return true;
    return this.shown.some((w, c) => w !== printed[c]);
  }

  /** One line; no trailing spaces: empty cells at the end and the last left-aligned cell are not padded. */
  private line(cells: Cell[], isHeader: boolean): string {
    let last = cells.length - 1;
    while (last >= 0 && (cells[last] ?? EMPTY_CELL).width === 0) last--;
    let out = '';
    for (let c = 0; c <= last; c++) {
      const cell = fitted(cells[c] ?? EMPTY_CELL, this.shown[c]!);
      const right = isHeader ? this.numeric[c] === true : cell.kind === 'number';
      const pad = ' '.repeat(this.shown[c]! - cell.width);
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

/** `cell` cut with `…` to at most `width` columns. */
function fitted(cell: Cell, width: number): Cell {
  if (cell.width <= width) return cell;
  const cut = truncateToWidth(cell.text, width);
  return { text: cut.text, width: cut.width, kind: cell.kind };
}
