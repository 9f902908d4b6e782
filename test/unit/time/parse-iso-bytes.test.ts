import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIsoBytesParser } from '../../../src/common/time/parse-iso-bytes.js';
import { createIsoParser } from '../../../src/common/time/parse-iso.js';

const bytesOf = (s: string) => Buffer.from(s, 'latin1');

/** The bytes parser on `text` placed inside other bytes, so reading outside the range shows. */
function parse(parser: ReturnType<typeof createIsoBytesParser>, text: string): number {
  const buf = Buffer.concat([bytesOf('9"'), bytesOf(text), bytesOf('9Z"')]);
  return parser(buf, 2, 2 + Buffer.byteLength(text, 'latin1'));
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('ISO-8601 from bytes', () => {
  it('reads the usual log shape like the string parser', () => {
    const p = createIsoBytesParser();
    for (const text of [
      '2026-03-01T10:00:05Z',
      '2026-03-01T10:00:59.999Z',
      '2026-03-01T23:59:59.5Z',
      '2026-03-01T00:00:00.12Z',
      '2024-02-29T12:00:00.123456789Z',
      '1969-12-31T23:59:59.001Z',
    ]) {
      expect(parse(p, text)).toBe(createIsoParser()(text));
    }
  });

  it('leaves every other text to the string parser (NaN)', () => {
    const p = createIsoBytesParser();
    for (const text of [
      '2026-03-01',
      '2026-03-01T10:00Z',
      '2026-03-01 10:00:05Z',
      '2026-03-01T10:00:05+02:00',
      '2026-03-01T10:00:05',
      ' 2026-03-01T10:00:05Z',
      '2026-03-01T10:00:05.Z',
      '2026-02-30T10:00:05Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T10:60:00Z',
      '2026-03-01T10:00:60Z',
      '2026-03-01T10:00:05,5Z',
      '2026-03-01T10:00:05.5z',
      '2026-3-01T10:00:05Z',
      '2026-03-01T10:00:0xZ',
      '',
    ]) {
      expect(parse(p, text)).toBeNaN();
    }
  });

  it('agrees with the string parser wherever it reads a value (property)', () => {
    const p = createIsoBytesParser();
    const q = createIsoParser();
    const shaped = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.option(fc.stringMatching(/^[0-9]{0,10}$/)),
      )
      .map(([y, mo, d, h, mi, s, f]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${f === null ? '' : `.${f}`}Z`);
    const mutated = fc.tuple(shaped, fc.nat(), fc.constantFrom(...'0123456789-:.TZtz +x'.split('')), fc.boolean()).map(([t, at, ch, insert]) => {
      const i = at % (t.length + 1);
      return insert ? t.slice(0, i) + ch + t.slice(i) : t.slice(0, i) + ch + t.slice(i + 1);
    });
    fc.assert(
      fc.property(fc.oneof(shaped, mutated), (text) => {
        const got = parse(p, text);
        const want = q(text);
        if (Number.isNaN(got)) {
          // Only texts of another shape, or impossible ones, are left over.
          if (want !== null) expect(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(text)).toBe(false);
        } else {
          expect(got).toBe(want);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
