/**
 * The deepest nesting a JSON record may have: the record's own object is level 1, an object or
 * array inside it level 2, and so on. A line nested deeper is a bad record. The bound keeps every
 * later step that walks a value recursively (JSON text for output, structured clones between
 * threads, state encoding, distinct-value keys) well inside the stack: on the main thread the
 * first of them to overflow, the state encoder, does so at about 1,300 levels.
 */
export const MAX_JSON_DEPTH = 500;

const QUOTE = 34;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;

/**
 * True when the valid JSON `text` nests objects and arrays more than `max` levels deep.
 * Costs nothing measurable on usual lines: a text shorter than `2 * (max + 1)` characters cannot,
 * and one with at most `max` opening brackets in all (counted with `indexOf`) cannot either; only
 * the rest is scanned, skipping strings.
 */
export function deeperThan(text: string, max: number): boolean {
  if (text.length < 2 * (max + 1)) return false;
  if (count(text, '{', max + 1) + count(text, '[', max + 1) <= max) return false;
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
    } else if (c === LBRACE || c === LBRACKET) {
      if (++depth > max) return true;
    } else if (c === RBRACE || c === RBRACKET) {
      depth--;
    }
  }
  return false;
}

/** Occurrences of `ch` in `text`, counting no further than `limit`. */
function count(text: string, ch: string, limit: number): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0 && n < limit; i = text.indexOf(ch, i + 1)) n++;
  return n;
}
