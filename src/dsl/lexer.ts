/**
 * The lexer of the query language. It never throws: a bad character or an unterminated string
 * becomes a diagnostic, and lexing goes on so that later errors are reported too.
 */
import type { DiagnosticBag } from './diagnostic.js';
import type { Span } from './source.js';
import { segmentSpan, type Segment } from './segment.js';

export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'duration' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /**
   * `ident`: the word; `quoted`: the name inside backticks; `string`: the decoded value;
   * `number` / `duration`: the text as written; `op`: the operator; `eof`: ''.
   */
  text: string;
  /** For `number`: its value. */
  num?: number;
  span: Span;
}

const OPS = ['==', '!=', '<=', '>=', '=~', '&&', '||', '|', ',', '(', ')', '[', ']', '.', '=', '<', '>', '+', '-', '*', '/', '%', '!'];
const IDENT_START = /[\p{L}_@$]/u;
const IDENT_PART = /[\p{L}\p{N}_@$]/u;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '`': '`', '0': '\0' };

export function tokenize(seg: Segment, bag: DiagnosticBag): Token[] {
  const text = seg.text;
  const out: Token[] = [];
  const err = (msg: string, from: number, to: number, help: string[] = []): void => bag.error(msg, seg.source, segmentSpan(seg, from, to), help);
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const start = i;
    if (/\s/.test(c)) {
      i++;
    } else if (c >= '0' && c <= '9') {
      while (i < text.length && /[0-9]/.test(text[i]!)) i++;
      if (text[i] === '.' && /[0-9]/.test(text[i + 1] ?? '')) {
        i++;
        while (i < text.length && /[0-9]/.test(text[i]!)) i++;
      }
      // An exponent (`1e3`, `2.5e-3`): no duration unit starts with `e`, so this is never a duration.
      const exponent = /^[eE][+-]?[0-9]+/.exec(text.slice(i, i + 16));
      if (exponent) {
        i += exponent[0].length;
        while (i < text.length && /[0-9]/.test(text[i]!)) i++;
      }
      if (i < text.length && /[A-Za-z]/.test(text[i]!)) {
        while (i < text.length && /[A-Za-z0-9.]/.test(text[i]!)) i++;
        out.push({ kind: 'duration', text: text.slice(start, i), span: segmentSpan(seg, start, i) });
      } else {
        const num = Number(text.slice(start, i));
        if (!Number.isFinite(num)) err('number is too large', start, i);
        out.push({ kind: 'number', text: text.slice(start, i), num: Number.isFinite(num) ? num : 0, span: segmentSpan(seg, start, i) });
      }
    } else if (IDENT_START.test(c)) {
      while (i < text.length && IDENT_PART.test(text[i]!)) i++;
      out.push({ kind: 'ident', text: text.slice(start, i), span: segmentSpan(seg, start, i) });
    } else if (c === '"' || c === "'" || c === '`') {
      i++;
      let value = '';
      let closed = false;
      while (i < text.length) {
        const d = text[i]!;
        if (d === c) {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < text.length) {
          const e = text[i + 1]!;
          // Unknown escapes keep their backslash, so that regexes like "\d+" read as written.
          value += ESCAPES[e] ?? `\\${e}`;
          i += 2;
        } else {
          value += d;
          i++;
        }
      }
      if (!closed) err(c === '`' ? 'unterminated backtick field name' : 'unterminated string', start, i, [`add the closing ${c}`]);
      out.push({ kind: c === '`' ? 'quoted' : 'string', text: value, span: segmentSpan(seg, start, i) });
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (op) {
        i += op.length;
        out.push({ kind: 'op', text: op, span: segmentSpan(seg, start, i) });
      } else {
        const cp = text.codePointAt(i)!;
        i += cp > 0xffff ? 2 : 1;
        err(`unexpected character \`${String.fromCodePoint(cp)}\``, start, i);
        // Kept as an operator nobody accepts, so the parser stops here (its own error is deduplicated).
        out.push({ kind: 'op', text: text.slice(start, i), span: segmentSpan(seg, start, i) });
      }
    }
  }
  const end = seg.offsetAt(text.length);
  out.push({ kind: 'eof', text: '', span: { start: end, end } });
  return out;
}
