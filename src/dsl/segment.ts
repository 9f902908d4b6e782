/**
 * A piece of text to lex (a query string, or a scalar inside a YAML file) and where each of its
 * characters sits in its SourceFile, so that tokens get spans into the file the user wrote.
 */
import type { SourceFile, Span } from './source.js';

export interface Segment {
  source: SourceFile;
  /** The text the lexer reads (a YAML scalar's value, not its raw source). */
  text: string;
  /** Offset in `source.text` of character `i` of `text`; `i === text.length` gives the end. */
  offsetAt(i: number): number;
}

/** A segment whose text is `source.text.slice(start, start + text.length)`. */
export function exactSegment(source: SourceFile, start = 0, text = source.text): Segment {
  return { source, text, offsetAt: (i) => start + i };
}

const SKIPPABLE = new Set([' ', '\t', '\r', '\n', '\\', '"', "'"]);

/**
 * A segment for a value that differs from its raw source (escapes in a quoted YAML scalar, the
 * indentation of a block scalar, folded lines): each character of `text` is matched greedily to
 * the next equal character of `source.text[start, end)`, skipping whitespace, quotes and
 * backslashes. Best effort, but offsets are always non-decreasing and inside `[start, end]`.
 */
export function alignedSegment(source: SourceFile, text: string, start: number, end: number): Segment {
  const raw = source.text;
  const map = new Array<number>(text.length + 1);
  let pos = start;
  for (let i = 0; i < text.length; i++) {
    let j = pos;
    let others = 0;
    let found = -1;
    while (j < end) {
      if (raw[j] === text[i]) {
        found = j;
        break;
      }
      if (SKIPPABLE.has(raw[j]!)) j++;
      else if (others++ < 2) j++;
      else break;
    }
    if (found >= 0) {
      map[i] = found;
      pos = found + 1;
    } else {
      map[i] = Math.min(pos, end);
      pos = Math.min(pos + 1, end);
    }
  }
  map[text.length] = Math.max(pos, Math.min(end, raw.length));
  return { source, text, offsetAt: (i) => map[Math.max(0, Math.min(i, text.length))]! };
}

/** The source span of characters `[from, to)` of the segment's text. */
export function segmentSpan(seg: Segment, from: number, to: number): Span {
  const start = seg.offsetAt(from);
  const end = to > from ? seg.offsetAt(to - 1) + 1 : start;
  return { start, end: Math.max(start, end) };
}
