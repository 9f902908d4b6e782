import { describe, expect, it } from 'vitest';
import { deeperThan, MAX_JSON_DEPTH } from '../../../src/io/formats/json-scan/json-depth.js';

const objects = (d: number): string => '{"a":'.repeat(d - 1) + '{}' + '}'.repeat(d - 1);
const arrays = (d: number): string => '{"a":' + '['.repeat(d - 1) + ']'.repeat(d - 1) + '}';

describe('deeperThan', () => {
  it('tells nesting just over the bound from nesting at it, for objects and arrays', () => {
    for (const max of [1, 3, 10, MAX_JSON_DEPTH]) {
      expect(deeperThan(objects(max), max)).toBe(false);
      expect(deeperThan(objects(max + 1), max)).toBe(true);
      expect(deeperThan(arrays(max), max)).toBe(false);
      expect(deeperThan(arrays(max + 1), max)).toBe(true);
    }
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const s = JSON.stringify({ s: '{[\\"{[' + '['.repeat(50), t: ['"]]'] });
    expect(deeperThan(s, 3)).toBe(false);
    expect(deeperThan(JSON.stringify({ a: [[['"\\']]] }), 3)).toBe(true);
  });

  it('is not fooled by many shallow containers', () => {
    const wide = JSON.stringify({ a: Array.from({ length: 3000 }, () => ({})) });
    expect(deeperThan(wide, 3)).toBe(false);
    expect(deeperThan(wide, 2)).toBe(true);
  });
});
