import { describe, expect, it } from 'vitest';
import { LineFramer } from '../../../src/io/framing/index.js';
import { frameSplit } from '../../../src/io/sources/frame-split.js';
import { cut, frameAll, linesOf } from './framing-helpers.js';

const b = (s: string) => Buffer.from(s, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('LineFramer', () => {
  it('carries partial lines between buffers and keeps a final line without \\n', () => {
    const chunks = frameAll([b('a\nb'), b('b\ncc'), b('c')]);
    expect(linesOf(chunks)).toEqual([
      [1, 'a'],
      [2, 'bb'],
      [3, 'ccc'],
    ]);
    expect(Buffer.concat(chunks.map((c) => c.data)).toString()).toBe('a\nbb\nccc');
  });

  it('gives no chunk for empty input and one line for a lone \\n', () => {
    expect(frameAll([])).toEqual([]);
    expect(linesOf(frameAll([b('\n')]))).toEqual([[1, '']]);
  });

  it('cuts chunks at the last newline within the target size, independent of buffer sizes', () => {
    const text = b('aaa\nbb\ncccc\nd\neeeee\nff\n');
    const whole = frameAll([text], { targetChunkBytes: 8 });
    const bytes = frameAll(cut(text, [1]), { targetChunkBytes: 8 });
    expect(bytes.map((c) => c.data.toString())).toEqual(whole.map((c) => c.data.toString()));
    for (const c of whole) {
      expect(c.data.length).toBeLessThanOrEqual(8);
      expect(c.data[c.data.length - 1]).toBe(10);
    }
    expect(whole.map((c) => [c.firstLine, c.startOffset, c.endOffset])).toEqual([
      [1, 0, 7],
      [3, 7, 14],
      [5, 14, 20],
      [6, 20, 23],
    ]);
  });

  it('gives every chunk its own ArrayBuffer starting at 0', () => {
    const chunks = frameAll(cut(b('x'.repeat(50) + '\n').subarray(0, 51), [7]).concat([b('y\nz\n')]), {
      targetChunkBytes: 16,
      maxLineBytes: 100,
    });
    const seen = new Set<ArrayBufferLike>();
    for (const c of chunks) {
      expect(c.data.byteOffset).toBe(0);
      expect(seen.has(c.data.buffer)).toBe(false);
      seen.add(c.data.buffer);
    }
  });

  it('emits a line longer than the chunk target but within the limit as a chunk of its own', () => {
    const long = 'L'.repeat(40);
    const chunks = frameAll(cut(b(`a\n${long}\nb\n`), [5]), { targetChunkBytes: 8, maxLineBytes: 64 });
    expect(linesOf(chunks)).toEqual([
      [1, 'a'],
      [2, long],
      [3, 'b'],
    ]);
    expect(chunks.find((c) => c.firstLine === 2)?.data.toString()).toBe(`${long}\n`);
  });

  it('reports a line over the limit in its own chunk with its head, and numbers on', () => {
    const huge = 'H'.repeat(10_000);
    const input = b(`a\n${huge}\nb\r\n${huge}`);
    const chunks = frameAll(cut(input, [333, 7, 1000]), { maxLineBytes: 100, headBytes: 16 });
    expect(linesOf(chunks)).toEqual([
      [1, 'a'],
      [2, '<oversized>'],
      [3, 'b'],
      [4, '<oversized>'],
    ]);
    const over = chunks.filter((c) => c.oversized.length > 0);
    expect(over).toHaveLength(2);
    for (const c of over) {
      expect(c.data.length).toBe(0);
      expect(c.oversized[0]?.head.toString()).toBe('H'.repeat(16));
    }
    expect(over[0]).toMatchObject({ firstLine: 2, startOffset: 2, endOffset: 10_003 });
    expect(over[1]).toMatchObject({ firstLine: 4, startOffset: 10_006, endOffset: 20_006 });
    expect(chunks[chunks.length - 1]?.endOffset).toBe(input.length);
  });

  it('does not grow memory on a huge line: it keeps no reference to the dropped bytes', () => {
    const framer = new LineFramer({ maxLineBytes: 1024 });
    const block = Buffer.alloc(1 << 20, 0x41);
    for (let i = 0; i < 64; i++) expect(framer.push(block)).toEqual([]);
    const [chunk] = framer.push(b('\nok\n'));
    expect(chunk?.oversized[0]?.head.length).toBe(4096);
    expect(chunk?.endOffset).toBe(64 * (1 << 20) + 1);
    expect(linesOf(framer.end())).toEqual([[2, 'ok']]);
  });

  it('eager mode emits complete lines at the end of every buffer; flush does too', () => {
    const framer = new LineFramer({ eager: true });
    expect(framer.push(b('a\nb')).map((c) => c.data.toString())).toEqual(['a\n']);
    expect(framer.push(b('b\n')).map((c) => c.data.toString())).toEqual(['bb\n']);
    const lazy = new LineFramer();
    expect(lazy.push(b('x\ny'))).toEqual([]);
    expect(lazy.flush().map((c) => [c.data.toString(), c.firstLine])).toEqual([['x\n', 1]]);
    expect(lazy.end().map((c) => [c.data.toString(), c.firstLine, c.startOffset])).toEqual([['y', 2, 2]]);
  });

  it('starts from a resume position', () => {
    const chunks = frameAll([b('q\nr\n')], { startOffset: 100, firstLine: 7 });
    expect(chunks[0]).toMatchObject({ firstLine: 7, startOffset: 100, endOffset: 104 });
  });

  it('drops a byte order mark at the start of the split, however the input is cut', () => {
    const input = Buffer.concat([BOM, b('a\nb\n')]);
    for (const sizes of [[100], [1], [2, 1], [1, 2, 3]]) {
      const chunks = frameAll(cut(input, sizes), { targetChunkBytes: 4 });
      expect(linesOf(chunks)).toEqual([
        [1, 'a'],
        [2, 'b'],
      ]);
      expect(chunks[0]?.startOffset).toBe(3);
      expect(chunks[chunks.length - 1]?.endOffset).toBe(input.length);
    }
  });

  it('drops a byte order mark before an oversized first line, and in eager mode', () => {
    const [over] = frameAll([BOM, b('x'.repeat(50) + '\n')], { maxLineBytes: 10, headBytes: 4 });
    expect(over).toMatchObject({ firstLine: 1, startOffset: 3, endOffset: 54 });
    expect(over?.oversized[0]?.head.toString()).toBe('xxxx');
    const eager = new LineFramer({ eager: true });
    expect(eager.push(BOM.subarray(0, 2))).toEqual([]);
    expect(eager.push(Buffer.concat([BOM.subarray(2), b('a\n')])).map((c) => [c.data.toString(), c.startOffset])).toEqual([['a\n', 3]]);
  });

  it('keeps a byte order mark that is not at offset 0 of the split, and bytes that only start like one', () => {
    expect(linesOf(frameAll([b('a\n'), BOM, b('b\n')]))).toEqual([
      [1, 'a'],
      [2, '\uFEFFb'],
    ]);
    expect(linesOf(frameAll([Buffer.concat([BOM, b('c\n')])], { startOffset: 10 }))).toEqual([[1, '\uFEFFc']]);
    const partial = Buffer.from([0xef, 0xbb, 0x41, 0x0a]);
    expect(frameAll(cut(partial, [1]))[0]?.data.equals(partial)).toBe(true);
    const cutShort = frameAll([BOM.subarray(0, 2)]);
    expect(cutShort.map((c) => [c.data.toString('hex'), c.startOffset, c.endOffset])).toEqual([['efbb', 0, 2]]);
    expect(frameAll([BOM])).toEqual([]);
  });

  it('resumes after a byte order mark at the offset it reported', () => {
    const input = Buffer.concat([BOM, b('a\nb\nc\n')]);
    const first = frameAll([input], { targetChunkBytes: 4 });
    const second = first[1]!;
    const resumed = frameAll([input.subarray(second.startOffset)], { targetChunkBytes: 4, startOffset: second.startOffset, firstLine: second.firstLine });
    expect(linesOf(resumed)).toEqual(linesOf(first.slice(1)));
  });

  it('frameSplit frames a split byte stream', async () => {
    async function* src() {
      yield b('1\n2');
      yield b('\n3');
    }
    const lines = [];
    for await (const ev of frameSplit(src(), null, false, { signal: new AbortController().signal }))
      if (ev.kind === 'chunk') lines.push(...linesOf([ev.chunk]));
    expect(lines).toEqual([
      [1, '1'],
      [2, '2'],
      [3, '3'],
    ]);
  });
});
