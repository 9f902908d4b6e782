import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Rec } from '../../../src/common/record.js';
import { TableEncoder } from '../../../src/io/sinks/table-encoder.js';

function render(enc: TableEncoder, recs: Rec[]): string {
  return recs.map((r) => enc.encode(r)).join('') + enc.flush();
}

const RECS: Rec[] = [
  { host: 'a', count: 3, ok: null },
  { host: 'bbbbb', count: 1200, ok: true },
];
const PLAIN = 'host   count  ok\n' + 'a          3  null\n' + 'bbbbb   1200  true\n';

describe('TableEncoder', () => {
  it('aligns columns from header and held rows; numbers right-aligned, no trailing spaces', () => {
    const enc = new TableEncoder({ color: false });
    expect(enc.encode(RECS[0]!)).toBe('');
    expect(enc.encode(RECS[1]!)).toBe('');
    expect(enc.flush()).toBe(PLAIN);
    expect(enc.flush()).toBe('');
  });

  it('with colour: the same text, header bold and null dim', () => {
    const out = render(new TableEncoder({ color: true }), RECS);
    expect(out).not.toBe(PLAIN);
    expect(stripVTControlCharacters(out)).toBe(PLAIN);
    expect(out).toContain('\x1b[1mhost\x1b[22m');
    expect(out).toContain('\x1b[2mnull\x1b[22m');
  });

  it('without colour writes no escape codes at all', () => {
    expect(render(new TableEncoder({ color: false }), RECS)).not.toContain('\x1b');
  });

  it('keeps widths across flushes and prints a fresh header only when they grow', () => {
    const enc = new TableEncoder({ color: false });
    expect(render(enc, [{ k: 'ab', n: 1 }])).toBe('k   n\nab  1\n');
    expect(render(enc, [{ k: 'c', n: 2 }])).toBe('c   2\n');
    expect(render(enc, [{ k: 'longer', n: 3 }])).toBe('k       n\nlonger  3\n');
    expect(render(enc, [{ k: 'd', n: 40 }])).toBe('k        n\nd       40\n');
    expect(render(enc, [{ k: 'e', n: 5 }])).toBe('e        5\n');
  });

  it('adds a column (with a fresh header) for a field first seen later; absent fields are empty', () => {
    const enc = new TableEncoder({ color: false });
    expect(render(enc, [{ a: 'x', b: 'y' }])).toBe('a  b\nx  y\n');
    expect(render(enc, [{ b: 'z', c: 'w' }])).toBe('a  b  c\n   z  w\n');
    expect(render(enc, [{ a: 'q' }])).toBe('q\n');
  });

  it('measures wide characters as two columns', () => {
    const enc = new TableEncoder({ color: false });
    expect(
      render(enc, [
        { name: '日本', v: 1 },
        { name: 'abcde', v: 2 },
      ]),
    ).toBe('name   v\n日本   1\nabcde  2\n');
  });

  it('cuts values longer than 60 columns with …', () => {
    const out = render(new TableEncoder({ color: false }), [{ s: 'x'.repeat(100) }]);
    expect(out).toBe('s\n' + 'x'.repeat(59) + '…\n');
  });

  it('escapes control characters so that log lines cannot break the layout or the terminal', () => {
    const out = render(new TableEncoder({ color: false }), [{ s: 'a\nb\t\x1b[31mred' }]);
    expect(out).toBe('s\na\\nb\\t\\u001b[31mred\n');
  });

  it('prints objects and arrays as JSON, booleans as words', () => {
    const out = render(new TableEncoder({ color: false }), [{ o: { a: [1, 2] }, b: false }]);
    expect(out).toBe('o            b\n{"a":[1,2]}  false\n');
  });

  it('fits a terminal width: keys whole, wide cells cut with …, every line within the width', () => {
    const enc = new TableEncoder({ color: false, width: 30, keyColumns: ['host'] });
    const out = render(enc, [
      { host: 'web-01.example', path: '/a/very/long/path/that/goes/on', count: 12 },
      { host: 'web-2', path: '/b', count: 12345 },
    ]);
    expect(out).toBe('host            path     count\n' + 'web-01.example  /a/ver…     12\n' + 'web-2           /b       12345\n');
  });

  it('follows a terminal that is resized, with a fresh header', () => {
    let width = 20;
    const enc = new TableEncoder({ color: false, width: () => width });
    expect(render(enc, [{ a: 'x'.repeat(12), b: 'y'.repeat(12) }])).toBe('a          b\nxxxxxxxx…  yyyyyyyy…\n');
    width = 80;
    expect(render(enc, [{ a: 'z', b: 'w' }])).toBe(`a${' '.repeat(13)}b\nz${' '.repeat(13)}w\n`);
    expect(render(enc, [{ a: 'q', b: 'r' }])).toBe(`q${' '.repeat(13)}r\n`);
  });

  it('is as wide as its columns when the width is unknown', () => {
    const enc = new TableEncoder({ color: false, width: () => undefined });
    expect(render(enc, [{ s: 'x'.repeat(50), t: 1 }])).toBe(`s${' '.repeat(51)}t\n${'x'.repeat(50)}  1\n`);
  });

  it('prints held rows without a flush once maxBufferedRows is reached', () => {
    const enc = new TableEncoder({ color: false, maxBufferedRows: 2 });
    expect(enc.encode({ a: 1 })).toBe('');
    expect(enc.encode({ a: 22 })).toBe(' a\n 1\n22\n');
    expect(enc.flush()).toBe('');
  });
});

describe('table numbers', () => {
  it('shows at most 12 significant digits, so float noise does not reach the terminal', async () => {
    const { tableCell } = await import('../../../src/io/sinks/table-cell.js');
    expect(tableCell(64.78999999999999, 60).text).toBe('64.79');
    expect(tableCell(0.1 + 0.2, 60).text).toBe('0.3');
    expect(tableCell(1234567, 60).text).toBe('1234567');
    expect(tableCell(1.5e-9, 60).text).toBe('1.5e-9');
  });
});
