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

/** Line and column of an offset (clamped into the text). */
export function positionOf(source: SourceFile, offset: number): Position {
  const text = source.text;
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: at - lineStart + 1 };
}

/** The full text of the 1-based line `line`, without its line break. */
export function lineText(source: SourceFile, line: number): string {
  const lines = source.text.split(/\r?\n/);
  return lines[line - 1] ?? '';
}

export function span(start: number, end: number): Span {
  return { start, end };
}
