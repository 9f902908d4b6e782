/**
 * Regular expressions for `=~`. Patterns are JavaScript syntax; a leading `(?i)` (the Go, Python,
 * Rust and PCRE spelling of "ignore case", which JavaScript lacks) is accepted and becomes the
 * `i` flag. No `g`/`y` flag, so `test` keeps no state between records.
 */

/** Compiles a pattern; throws SyntaxError when it is invalid. */
export function compileRegex(pattern: string): RegExp {
  if (pattern.startsWith('(?i)')) return new RegExp(pattern.slice(4), 'i');
  return new RegExp(pattern);
}

const MAX_CACHED = 256;

/**
 * For a pattern computed per record: a small cache of compiled patterns, emptied when full.
 * An invalid pattern is cached as null (so it is not recompiled on every record).
 */
export function createRegexCache(): (pattern: string) => RegExp | null {
  const cache = new Map<string, RegExp | null>();
  return (pattern) => {
    let re = cache.get(pattern);
    if (re !== undefined) return re;
    try {
      re = compileRegex(pattern);
    } catch {
      re = null;
    }
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(pattern, re);
    return re;
  };
}
