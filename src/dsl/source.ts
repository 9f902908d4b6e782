/** A piece of pipeline source text (a query string or a YAML file) and positions in it. */

/** Half-open byte range `[start, end)` of UTF-16 offsets into `SourceFile.text`. */
export interface Span {
  start: number;
  end: number;
}

export interface SourceFile {
  /** Shown in diagnostics: `<query>` for a query string, the path for a YAML file. */
  name: string;
  text: string;
}

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  col: number;
}

export function makeSource(name: string, text: string): SourceFile {
  return { name, text };
}

/** Offsets where each line starts, computed once per source (its text never changes). */
const lineStartsOf = new WeakMap<SourceFile, number[]>();

function lineStarts(source: SourceFile): number[] {
  let starts = lineStartsOf.get(source);
  if (!starts) {
    starts = [0];
    const text = source.text;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStartsOf.set(source, starts);
  }
  return starts;
}

/** Line and column of an offset (clamped into the text), in O(log lines). */
export function positionOf(source: SourceFile, offset: number): Position {
  const at = Math.max(0, Math.min(offset, source.text.length));
  const starts = lineStarts(source);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: at - starts[lo]! + 1 };
}

/** The full text of the 1-based line `line`, without its line break. */
export function lineText(source: SourceFile, line: number): string {
  const starts = lineStarts(source);
  const start = starts[line - 1];
  if (start === undefined) return '';
  const next = starts[line];
  const end = next === undefined ? source.text.length : next - 1;
  return source.text.slice(start, end > start && source.text[end - 1] === '\r' ? end - 1 : end);
}

export function span(start: number, end: number): Span {
  return { start, end };
}
