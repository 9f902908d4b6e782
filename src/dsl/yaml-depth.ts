/**
 * How deeply a YAML text nests, estimated from its tokens before it is parsed: the YAML parser
 * recurses per level, and very deep input overflows its stack (or worse, V8's while compiling a
 * regex on the way). The lexer is not recursive, so this is safe on any input.
 */
import { CST, Lexer } from 'yaml';

/** The lexer's own markers, which stand for no source text. */
const SYNTHETIC = new Set(['\u0002', '\u0018', '\u001f']);

/**
 * The offset of the first token at which the estimated nesting exceeds `limit`, or -1. The estimate
 * is an upper bound of the collection depth: two per indentation level (a map and a sequence may
 * share one), one per indicator on the line (`- - x`, `a: - b`), and one per open bracket.
 */
export function firstTooDeep(text: string, limit: number): number {
  let offset = 0;
  let flow = 0;
  const indents: number[] = [];
  let indicators = 0;
  let indent = 0;
  let lineStart = true;
  for (const token of new Lexer().lex(text)) {
    if (SYNTHETIC.has(token)) continue;
    const type = CST.tokenType(token);
    const at = offset;
    offset += token.length;
    if (type === 'newline') {
      lineStart = true;
      indicators = 0;
      indent = 0;
      continue;
    }
    if (type === 'space' || type === 'comment') {
      if (lineStart && type === 'space') indent = token.length;
      continue;
    }
    if (lineStart && flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
    }
    lineStart = false;
    if (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind') indicators++;
    else if (type === 'flow-seq-start' || type === 'flow-map-start') flow++;
    else if (type === 'flow-seq-end' || type === 'flow-map-end') flow = Math.max(0, flow - 1);
    if (2 * indents.length + indicators + flow > limit) return at;
  }
  return -1;
}
