/**
 * Diagnostics rendered like rustc's:
 *
 *     error: unknown stage `wher`
 *      --> <query>:1:8
 *       |
 *     1 | json | wher status > 5
 *       |        ^^^^
 *       = help: did you mean `where`?
 */
import { Chalk } from 'chalk';
import type { Diagnostic } from './diagnostic.js';
import { lineText, positionOf } from './source.js';

export interface RenderOptions {
  color: boolean;
}

const TAB = '    ';

/** At most this many columns of a source line are quoted; longer lines show an excerpt around the caret. */
export const EXCERPT_COLUMNS = 120;
/** Columns of the excerpt kept before the caret when a line is cut. */
const CONTEXT_BEFORE = 40;
/** Messages and help lines longer than this (they may quote what the user wrote) are cut. */
const MAX_MESSAGE = 300;
/** Diagnostics shown in full; the rest are counted. */
export const MAX_SHOWN = 20;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

const isLow = (s: string, i: number): boolean => i > 0 && i < s.length && (s.charCodeAt(i) & 0xfc00) === 0xdc00;

/**
 * The part of `raw` shown for a caret over `[startIdx, endIdx)`: the whole line when short, else
 * EXCERPT_COLUMNS around the caret's start with `…` where it was cut (never inside a surrogate pair).
 */
function excerpt(raw: string, startIdx: number, endIdx: number): { shown: string; caretAt: number; caretLen: number } {
  let from = 0;
  let to = raw.length;
  if (raw.length > EXCERPT_COLUMNS) {
    from = Math.max(0, Math.min(startIdx - CONTEXT_BEFORE, raw.length - EXCERPT_COLUMNS));
    to = Math.min(raw.length, from + EXCERPT_COLUMNS);
    if (isLow(raw, from)) from++;
    if (isLow(raw, to)) to--;
  }
  const lead = from > 0 ? '…' : '';
  const before = lead + raw.slice(from, Math.max(from, startIdx)).replaceAll('\t', TAB);
  const marked = raw.slice(Math.max(from, startIdx), Math.min(to, endIdx)).replaceAll('\t', TAB);
  const shown = `${lead}${raw.slice(from, to).replaceAll('\t', TAB)}${to < raw.length ? '…' : ''}`;
  return { shown, caretAt: before.length, caretLen: Math.max(1, marked.length) };
}

/** One diagnostic, without a trailing newline. */
export function renderDiagnostic(d: Diagnostic, opts: RenderOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const level = d.severity === 'error' ? c.bold.red('error') : c.bold.yellow('warning');
  const lines = [`${level}${c.bold(`: ${cut(d.message, MAX_MESSAGE)}`)}`];
  let gutter = ' ';
  if (d.source && d.span) {
    const start = positionOf(d.source, d.span.start);
    const end = positionOf(d.source, d.span.end);
    const num = String(start.line);
    gutter = ' '.repeat(num.length + 1);
    const raw = lineText(d.source, start.line);
    const lastCol = end.line === start.line ? end.col : raw.length + 1;
    const { shown, caretAt, caretLen } = excerpt(raw, start.col - 1, lastCol - 1);
    const bar = c.bold.blue('|');
    lines.push(
      `${' '.repeat(num.length)}${c.bold.blue('-->')} ${cut(d.source.name, MAX_MESSAGE)}:${start.line}:${start.col}`,
      `${gutter}${bar}`,
      `${c.bold.blue(num)} ${bar} ${shown}`.trimEnd(),
      `${gutter}${bar} ${' '.repeat(caretAt)}${c.bold.red('^'.repeat(caretLen))}`,
    );
  }
  for (const h of d.help) lines.push(`${gutter}${c.bold.blue('=')} ${c.bold('help')}: ${cut(h, MAX_MESSAGE)}`);
  return lines.join('\n');
}

/**
 * All diagnostics, blank-line separated, with a closing summary when there is more than one error;
 * ends with a newline. At most MAX_SHOWN are rendered; the others are counted, so the output stays
 * small whatever the input.
 */
export function renderDiagnostics(list: Diagnostic[], opts: RenderOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const parts = list.slice(0, MAX_SHOWN).map((d) => renderDiagnostic(d, opts));
  const hidden = list.length - MAX_SHOWN;
  if (hidden > 0) parts.push(`${c.bold.red('error')}${c.bold(`: and ${hidden} more error${hidden === 1 ? '' : 's'}`)}`);
  const errors = list.filter((d) => d.severity === 'error').length;
  if (errors > 1) {
    parts.push(`${c.bold.red('error')}${c.bold(`: could not compile the pipeline due to ${errors} previous errors`)}`);
  }
  return parts.length ? `${parts.join('\n\n')}\n` : '';
}
