import { describe, expect, it } from 'vitest';
import { LineCursor, countNewlines, iterateLines } from '../../../src/io/framing/index.js';

function viaCallback(data: Buffer): string[] {
  const out: string[] = [];
  iterateLines(data, (s, e) => out.push(data.toString('utf8', s, e)));
  return out;
}

function viaCursor(data: Buffer): string[] {
  const out: string[] = [];
  const c = new LineCursor(data);
  while (c.next()) out.push(c.text());
  return out;
}

describe('line iteration', () => {
  it('strips CRLF, keeps empty lines, and takes a final line without \\n', () => {
    const data = Buffer.from('a\r\n\r\nb\n\nc\r');
    expect(viaCallback(data)).toEqual(['a', '', 'b', '', 'c']);
    expect(viaCursor(data)).toEqual(['a', '', 'b', '', 'c']);
  });

  it('strips only one CR before the newline', () => {
    expect(viaCursor(Buffer.from('a\r\r\nb\rc\n'))).toEqual(['a\r', 'b\rc']);
  });

  it('yields nothing for an empty buffer', () => {
    expect(viaCursor(Buffer.alloc(0))).toEqual([]);
    expect(viaCallback(Buffer.alloc(0))).toEqual([]);
  });

  it('replaces invalid UTF-8 with U+FFFD', () => {
    const data = Buffer.from([0x6f, 0x6b, 0xff, 0x20, 0xc3, 0x0a, 0xc3, 0xa9, 0x0a]);
    expect(viaCursor(data)).toEqual(['ok\uFFFD \uFFFD', 'é']);
  });

  it('counts newlines in a range', () => {
    const data = Buffer.from('a\nb\nc\n');
    expect(countNewlines(data, 0, data.length)).toBe(3);
    expect(countNewlines(data, 0, 3)).toBe(1);
    expect(countNewlines(data, 2, 4)).toBe(1);
  });
});
