import { describe, expect, it } from 'vitest';
import { createDecoder, CsvDecoder, DecodeError, type LineDecoder } from '../../../src/io/formats/index.js';

function decodeAll(d: LineDecoder, lines: string[]): unknown[] {
  return lines.map((l) => d.decode(l)).filter((r) => r !== undefined);
}

const csv = () => createDecoder({ kind: 'csv' }, { fields: null });
const tsv = () => createDecoder({ kind: 'tsv' }, { fields: null });

describe('csv', () => {
  it('takes the first line as the header and types cells', () => {
    expect(decodeAll(csv(), ['host,status,latency,note', 'a,200,1.5,ok', 'b,007,,x'])).toEqual([
      { host: 'a', status: 200, latency: 1.5, note: 'ok' },
      { host: 'b', status: '007', latency: null, note: 'x' },
    ]);
  });

  it('handles quoted commas, doubled quotes, and quoted empties', () => {
    const d = csv();
    d.decode('a,b,c');
    expect(d.decode('"x, y","say ""hi""",""')).toEqual({ a: 'x, y', b: 'say "hi"', c: '' });
    expect(d.decode('"","""",",,"')).toEqual({ a: '', b: '"', c: ',,' });
    expect(d.decode('"12",1e2,-3')).toEqual({ a: 12, b: 100, c: -3 });
  });

  it('reads empty cells at the ends of a row', () => {
    const d = csv();
    d.decode('a,b,c');
    expect(d.decode(',x,')).toEqual({ a: null, b: 'x', c: null });
  });

  it('rejects a row with another number of columns', () => {
    const d = csv();
    d.decode('a,b');
    expect(() => d.decode('1,2,3')).toThrow(DecodeError);
    expect(() => d.decode('1')).toThrow('csv: expected 2 columns (as in the header), got 1');
  });

  it('rejects an unterminated quote and text after a closing quote', () => {
    const d = csv();
    d.decode('a,b');
    expect(() => d.decode('"open,1')).toThrow(/unterminated quoted field/);
    expect(() => d.decode('"x"y,1')).toThrow(/after the closing quote/);
  });

  it('skips blank lines (also before the header)', () => {
    expect(decodeAll(csv(), ['', 'a,b', '  ', '1,2'])).toEqual([{ a: 1, b: 2 }]);
  });

  it('names empty header cells _N, and a quoted header cell may hold a comma', () => {
    expect(decodeAll(csv(), ['"x,y",', '1,2'])).toEqual([{ 'x,y': 1, _2: 2 }]);
  });

  it('makes repeated header names distinct as DuckDB does, so no column is lost', () => {
    expect(decodeAll(csv(), ['a,a,b,a,a_1', '1,2,3,4,5'])).toEqual([{ a: 1, a_1: 2, b: 3, a_2: 4, a_1_1: 5 }]);
    expect(decodeAll(csv(), ['a_1,a,a,,_4', '1,2,3,4,5'])).toEqual([{ a_1: 1, a: 2, a_1_1: 3, _4: 4, _4_1: 5 }]);
    expect(decodeAll(csv(), ['A,a,A', '1,2,3'])).toEqual([{ A: 1, a: 2, A_1: 3 }]);
    const t = createDecoder({ kind: 'tsv' }, { fields: null });
    expect(decodeAll(t, ['x\tx', '1\t2'])).toEqual([{ x: 1, x_1: 2 }]);
  });

  it('keeps a column named __proto__ as a field, in full and projected decodes', () => {
    const full = decodeAll(csv(), ['__proto__,b', '1,2']) as Record<string, unknown>[];
    expect(JSON.stringify(full)).toBe('[{"__proto__":1,"b":2}]');
    const projected = decodeAll(createDecoder({ kind: 'csv' }, { fields: ['__proto__'] }), ['__proto__,b', '{},2']);
    expect(JSON.stringify(projected)).toBe('[{"__proto__":"{}"}]');
  });

  it('can be primed with a header read elsewhere', () => {
    const d = new CsvDecoder('csv');
    d.setHeader('k,v');
    expect(d.header).toEqual(['k', 'v']);
    expect(d.decode('a,1')).toEqual({ k: 'a', v: 1 });
  });
});

describe('tsv', () => {
  it('splits on tabs without quoting', () => {
    expect(decodeAll(tsv(), ['a\tb\tc', 'x, y\t"q"\t', '1\t2\t3'])).toEqual([
      { a: 'x, y', b: '"q"', c: null },
      { a: 1, b: 2, c: 3 },
    ]);
  });

  it('rejects a row with another number of columns', () => {
    const d = tsv();
    d.decode('a\tb');
    expect(() => d.decode('1\t2\t3')).toThrow('tsv: expected 2 columns (as in the header), got 3');
  });
});

describe('headerRowOf', () => {
  it('finds the first non-blank line of a chunk that reads as a row, with its line number, CR removed', async () => {
    const { headerRowOf } = await import('../../../src/io/formats/decoder-factory.js');
    expect(headerRowOf('csv', Buffer.from('\n \t\r\na,b\r\n1,2\n'), 5)).toEqual({ text: 'a,b', line: 7 });
    expect(headerRowOf('csv', Buffer.from('\n  \n'), 1)).toBeUndefined();
    expect(headerRowOf('csv', Buffer.alloc(0), 1)).toBeUndefined();
    expect(headerRowOf('tsv', Buffer.from('x'), 3)).toEqual({ text: 'x', line: 3 });
    expect(headerRowOf('csv', Buffer.from('"open,b\n"x"y\na,b\n'), 1)).toEqual({ text: 'a,b', line: 3 });
    expect(headerRowOf('tsv', Buffer.from('"open\tb\n'), 1)).toEqual({ text: '"open\tb', line: 1 });
  });
});
