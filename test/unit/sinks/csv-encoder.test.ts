import { describe, expect, it } from 'vitest';
import type { Rec } from '../../../src/common/record.js';
import { CsvEncoder, csvCell } from '../../../src/io/sinks/csv-encoder.js';

function encodeAll(recs: Rec[]): string {
  const enc = new CsvEncoder();
  return recs.map((r) => enc.encode(r)).join('') + enc.flush();
}

describe('CsvEncoder', () => {
  it('writes a header row from the first record, then rows', () => {
    expect(
      encodeAll([
        { host: 'a', count: 3 },
        { host: 'b', count: 10 },
      ]),
    ).toBe('host,count\na,3\nb,10\n');
  });

  it('keeps the header of the first record: missing fields empty, extra fields dropped', () => {
    expect(
      encodeAll([
        { a: 1, b: 2 },
        { b: 5, extra: 'x' },
        { c: 9, a: 7 },
      ]),
    ).toBe('a,b\n1,2\n,5\n7,\n');
  });

  it('quotes values with comma, quote, CR or LF (RFC 4180), and nothing else', () => {
    expect(encodeAll([{ v: 'a,b' }, { v: 'say "hi"' }, { v: 'l1\nl2' }, { v: 'cr\r' }, { v: 'plain; ok' }])).toBe(
      'v\n"a,b"\n"say ""hi"""\n"l1\nl2"\n"cr\r"\nplain; ok\n',
    );
  });

  it('writes null as empty, booleans, unicode as is, objects and arrays as JSON text', () => {
    expect(encodeAll([{ n: null, t: true, f: false, u: 'Grüße 日本 😀', o: { a: 1, b: 'x' }, arr: [1, 'two'] }])).toBe(
      'n,t,f,u,o,arr\n,true,false,Grüße 日本 😀,"{""a"":1,""b"":""x""}","[1,""two""]"\n',
    );
  });

  it('quotes header names that need it', () => {
    expect(encodeAll([{ 'a,b': 1, 'q"': 2 }])).toBe('"a,b","q"""\n1,2\n');
  });

  it('writes an empty single cell as "" so that the row is not a blank line', () => {
    expect(encodeAll([{ v: 'x' }, { v: null }, { v: '' }])).toBe('v\nx\n""\n""\n');
  });

  it('writes numbers as JavaScript prints them, non-finite ones by name', () => {
    expect([1.5, -0.25, 1e21, 12345678901234, Number.NaN, Infinity, -Infinity].map(csvCell)).toEqual([
      '1.5',
      '-0.25',
      '1e+21',
      '12345678901234',
      'NaN',
      'Infinity',
      '-Infinity',
    ]);
    expect(csvCell({ a: [Infinity, null] })).toBe('"{""a"":[""Infinity"",null]}"');
  });
});
