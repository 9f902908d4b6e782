import { jsonText } from '../../common/json-text.js';
import type { Value } from '../../common/record.js';
import { truncateToWidth } from './display-width.js';

/** How a cell is drawn: numbers right-aligned, null dim, empty for an absent field. */
export type CellKind = 'text' | 'number' | 'null' | 'empty';

export interface Cell {
  readonly text: string;
  /** Terminal columns of `text`. */
  readonly width: number;
  readonly kind: CellKind;
}

export const EMPTY_CELL: Cell = { text: '', width: 0, kind: 'empty' };
const NULL_CELL: Cell = { text: 'null', width: 4, kind: 'null' };

// C0, DEL and C1 controls would break the layout, and escape sequences from a log line must
// never reach the terminal: they are shown escaped, as in JSON.
const CONTROL = /[\x00-\x1f\x7f-\x9f]/g;
const CONTROL_TEST = /[\x00-\x1f\x7f-\x9f]/;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControls(text: string): string {
  if (!CONTROL_TEST.test(text)) return text;
  return text.replace(CONTROL, (c) => ESCAPES[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** Printable, one-line text of at most `maxWidth` columns (cut with `…`). */
export function textCell(text: string, maxWidth: number, kind: CellKind = 'text'): Cell {
  const cut = truncateToWidth(escapeControls(text), maxWidth);
  return { text: cut.text, width: cut.width, kind };
}

/** The cell for a field's value; `undefined` (an absent field) is an empty cell. */
export function tableCell(value: Value | undefined, maxWidth: number): Cell {
  if (value === undefined) return EMPTY_CELL;
  if (value === null) return NULL_CELL;
  switch (typeof value) {
    case 'number':
      // For reading on a terminal: 12 significant digits hide float noise (64.79, not 64.78999999999999).
      return textCell(Number.isInteger(value) ? String(value) : String(Number((value as number).toPrecision(12))), maxWidth, 'number');
    case 'string':
      return textCell(value, maxWidth);
    case 'boolean':
      return textCell(value ? 'true' : 'false', maxWidth);
    default:
      return textCell(jsonText(value), maxWidth);
  }
}
