import { dirname, resolve, sep } from 'node:path';
import type { Rec } from '../../common/record.js';
import { createTimestampParser } from '../../common/time/timestamp-parser.js';
import { formatStrftime, validateStrftime } from '../../common/time/strftime.js';
import { UsageError } from '../../common/errors.js';
import { escapeValue, safeSegment } from './escape-segment.js';

type Piece = string | { field: string; fmt: string | undefined };

/** A compiled `--to` template (SPEC §1). */
export interface PathTemplate {
  /** True when the template has no `{…}`: one output file. */
  readonly fixed: boolean;
  /** The absolute directory every output file lies under: the template's text before its first `{`. */
  readonly baseDir: string;
  /** How many directory levels below `baseDir` output files can be (for cleanup walks). */
  readonly depth: number;
  /** The absolute output path for a record; always inside `baseDir`. */
  render(rec: Rec): string;
}

/**
 * Compiles a path template: `{field}` is the record's value as text (escaped, see `escapeValue`),
 * `{field:FMT}` formats an ISO-8601 time string or epoch milliseconds with strftime in UTC
 * (an unreadable time gives `_`), `{{` and `}}` are literal braces. Relative paths are resolved
 * against `cwd` now. Throws `UsageError` for an unclosed brace, an empty field or a bad FMT.
 */
export function compilePathTemplate(template: string, cwd: string = process.cwd()): PathTemplate {
  const pieces = parse(template);
  const firstVar = pieces.findIndex((p) => typeof p !== 'string');
  if (firstVar < 0) {
    const path = resolve(cwd, pieces.join(''));
    return { fixed: true, baseDir: dirname(path), depth: 0, render: () => path };
  }
  const head = (pieces.slice(0, firstVar) as string[]).join('');
  const cut = head.lastIndexOf('/') + 1;
  const baseDir = resolve(cwd, head.slice(0, cut) === '' ? '.' : head.slice(0, cut));
  const rest: Piece[] = [head.slice(cut), ...pieces.slice(firstVar)];
  const literalSlashes =
    rest
      .filter((p) => typeof p === 'string')
      .join('')
      .split('/').length - 1;
  const parseTime = createTimestampParser();
  const render = (rec: Rec): string => {
    let rel = '';
    for (const p of rest) {
      if (typeof p === 'string') rel += p;
      else if (p.fmt === undefined) rel += escapeValue(rec[p.field]);
      else rel += formatTime(rec[p.field], p.fmt, parseTime);
    }
    const path = resolve(baseDir, rel.split('/').map(safeSegment).join('/'));
    if (!path.startsWith(baseDir + sep)) throw new Error(`path template escaped its directory: ${path}`);
    return path;
  };
  // A FMT may hold `/` (`%Y/%m/%d`): count those levels too.
  const fmtSlashes = rest.reduce((n, p) => n + (typeof p !== 'string' && p.fmt !== undefined ? p.fmt.split('/').length - 1 : 0), 0);
  return { fixed: false, baseDir, depth: literalSlashes + fmtSlashes, render };
}

function formatTime(v: Rec[string] | undefined, fmt: string, parse: ReturnType<typeof createTimestampParser>): string {
  const ms = typeof v === 'number' ? (Number.isFinite(v) ? v : null) : typeof v === 'string' ? parse(v) : null;
  return ms === null ? '_' : formatStrftime(ms, fmt);
}

function parse(template: string): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      text += c;
      i++;
    } else if (c === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) throw bad(template, 'has an unclosed `{`');
      const body = template.slice(i + 1, end);
      const colon = body.indexOf(':');
      const field = (colon < 0 ? body : body.slice(0, colon)).trim();
      const fmt = colon < 0 ? undefined : body.slice(colon + 1);
      if (field === '') throw bad(template, 'has an empty `{}`');
      if (fmt !== undefined) {
        try {
          validateStrftime(fmt);
        } catch (err) {
          throw bad(template, (err as Error).message);
        }
      }
      if (text !== '') pieces.push(text);
      text = '';
      pieces.push({ field, fmt });
      i = end;
    } else if (c === '}') {
      throw bad(template, 'has a `}` without `{` (write `}}` for a brace)');
    } else {
      text += c;
    }
  }
  if (text !== '') pieces.push(text);
  return pieces;
}

function bad(template: string, what: string): UsageError {
  return new UsageError(`the output path template "${template}" ${what}`);
}
