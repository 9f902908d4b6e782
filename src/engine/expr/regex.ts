/**
 * Regular expressions for `=~`: user patterns (dsl/user-regex.ts), matched in linear time. No
 * `g`/`y` flag, so `test` keeps no state between records.
 */
import { compileUserRegex } from '../../common/regex/user-regex.js';

/** Compiles a pattern; throws when it is invalid or cannot run in linear time. */
export function compileRegex(pattern: string): RegExp {
  return compileUserRegex(pattern);
}

const MAX_CACHED = 256;

/**
 * For a pattern computed per record: a small cache of compiled patterns, emptied when full.
 * A pattern that is invalid or cannot run in linear time never matches; it is cached as null
 * (so it is not recompiled on every record).
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
