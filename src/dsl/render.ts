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

/** One diagnostic, without a trailing newline. */
export function renderDiagnostic(d: Diagnostic, opts: RenderOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const level = d.severity === 'error' ? c.bold.red('error') : c.bold.yellow('warning');
  const lines = [`${level}${c.bold(`: ${d.message}`)}`];
  let gutter = ' ';
  if (d.source && d.span) {
    const start = positionOf(d.source, d.span.start);
    const end = positionOf(d.source, d.span.end);
    const num = String(start.line);
    gutter = ' '.repeat(num.length + 1);
    const raw = lineText(d.source, start.line);
    const before = raw.slice(0, start.col - 1).replaceAll('\t', TAB);
    const lastCol = end.line === start.line ? end.col : raw.length + 1;
    const marked = raw.slice(start.col - 1, lastCol - 1).replaceAll('\t', TAB);
    const bar = c.bold.blue('|');
    lines.push(
      `${' '.repeat(num.length)}${c.bold.blue('-->')} ${d.source.name}:${start.line}:${start.col}`,
      `${gutter}${bar}`,
      `${c.bold.blue(num)} ${bar} ${raw.replaceAll('\t', TAB)}`.trimEnd(),
      `${gutter}${bar} ${' '.repeat(before.length)}${c.bold.red('^'.repeat(Math.max(1, marked.length)))}`,
    );
  }
  for (const h of d.help) lines.push(`${gutter}${c.bold.blue('=')} ${c.bold('help')}: ${h}`);
  return lines.join('\n');
}

/** All diagnostics, blank-line separated, with a closing summary when there is more than one error; ends with a newline. */
export function renderDiagnostics(list: Diagnostic[], opts: RenderOptions): string {
  const parts = list.map((d) => renderDiagnostic(d, opts));
  const errors = list.filter((d) => d.severity === 'error').length;
  if (errors > 1) {
    const c = new Chalk({ level: opts.color ? 1 : 0 });
    parts.push(`${c.bold.red('error')}${c.bold(`: could not compile the pipeline due to ${errors} previous errors`)}`);
  }
  return parts.length ? `${parts.join('\n\n')}\n` : '';
}
