import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringInterner } from '../../../src/io/formats/json-scan/string-interner.js';

describe('string interner', () => {
  it('always gives the string of the bytes, whatever came before (property)', () => {
    const word = fc.stringMatching(/^[a-c]{0,6}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 200 }), (words) => {
        const interner = new StringInterner();
        const buf = Buffer.from(words.join('|'), 'latin1');
        let pos = 0;
        for (const w of words) {
          expect(interner.get(buf, pos, pos + w.length)).toBe(w);
          pos += w.length + 1;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reuses the string for repeated bytes, and gives up on values that do not repeat', () => {
    const interner = new StringInterner();
    const buf = Buffer.from('/api/v1/items|/api/v1/items', 'latin1');
    const a = interner.get(buf, 0, 13);
    expect(interner.get(buf, 14, 27)).toBe(a);
    const ids = new StringInterner();
    for (let n = 0; n < 10_000 && ids.useful; n++) {
      const b = Buffer.from(`id-${n}`, 'latin1');
      expect(ids.get(b, 0, b.length)).toBe(`id-${n}`);
    }
    expect(ids.useful).toBe(false);
  });
});
