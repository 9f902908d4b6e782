import { describe, expect, it } from 'vitest';
import { LineFramer } from '../../../src/io/framing/index.js';

const b = (s: string) => Buffer.from(s, 'utf8');

describe('LineFramer.abandon (damaged input)', () => {
  it('hands on the complete lines and returns the unfinished one as the tail, not as a line', () => {
    const f = new LineFramer();
    expect(f.push(b('a\nbb\ncc'))).toEqual([]);
    const { chunks, tail, line } = f.abandon();
    expect(chunks.map((c) => [c.firstLine, c.lines, c.data.toString()])).toEqual([[1, 2, 'a\nbb\n']]);
    expect(tail.toString()).toBe('cc');
    expect(line).toBe(3);
  });

  it('gives an empty tail when the damage comes right after a line end', () => {
    const f = new LineFramer({ startOffset: 100, firstLine: 7 });
    f.push(b('x\n'));
    const { chunks, tail, line } = f.abandon();
    expect(chunks.map((c) => [c.firstLine, c.startOffset, c.endOffset])).toEqual([[7, 100, 102]]);
    expect(tail.length).toBe(0);
    expect(line).toBe(8);
  });

  it('keeps only the head of a long unfinished line', () => {
    const f = new LineFramer({ targetChunkBytes: 8, maxLineBytes: 16, headBytes: 4 });
    const pushed = [...f.push(b('ok\n')), ...f.push(b('y'.repeat(40)))];
    const { chunks, tail, line } = f.abandon();
    expect([...pushed, ...chunks].map((c) => c.data.toString())).toEqual(['ok\n']);
    expect(tail.toString()).toBe('yyyy');
    expect(line).toBe(2);
  });
});
