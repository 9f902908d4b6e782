import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonText } from '../../../src/common/json-text.js';
import type { Value } from '../../../src/common/record.js';

describe('jsonText', () => {
  it('is JSON.stringify for values without non-finite numbers (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(jsonText(v as Value)).toBe(JSON.stringify(v));
      }),
      { numRuns: 500 },
    );
  });

  it('writes non-finite numbers by name, wherever they are', () => {
    expect(jsonText(Infinity)).toBe('"Infinity"');
    expect(jsonText({ a: null, b: [NaN, { c: -Infinity }], d: 1 })).toBe('{"a":null,"b":["NaN",{"c":"-Infinity"}],"d":1}');
  });
});
