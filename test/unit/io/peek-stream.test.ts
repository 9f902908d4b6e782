import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { peekStream } from '../../../src/io/sources/peek-stream.js';

async function collect(stream: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const b of stream) text += b.toString();
  return text;
}

describe('peekStream', () => {
  it('a stream that ends within the look-ahead: its whole length, and every byte again', async () => {
    const src = new PassThrough();
    src.end('one\ntwo\n');
    const p = await peekStream(src, 1 << 20, 5_000);
    expect(p.ended).toBe(true);
    expect(p.bytes).toBe(8);
    expect(await collect(p.stream)).toBe('one\ntwo\n');
  });

  it('stops at maxBytes without waiting for the end; the rest follows in order', async () => {
    const src = new PassThrough();
    src.write('a'.repeat(10));
    src.write('b'.repeat(10));
    const p = await peekStream(src, 10, 5_000);
    expect(p.ended).toBe(false);
    expect(p.bytes).toBeGreaterThanOrEqual(10);
    src.end('c');
    expect(await collect(p.stream)).toBe(`${'a'.repeat(10)}${'b'.repeat(10)}c`);
  });

  it('a quiet live stream: gives up after the wait, keeps the pending read, loses nothing', async () => {
    const src = new PassThrough();
    src.write('first\n');
    // The wait is over when the test says so, once the first bytes were read ahead.
    let over = (): void => {};
    const waitOver = (): Promise<void> => new Promise((resolve) => (over = resolve));
    const peeking = peekStream(src, 1 << 20, 50, waitOver);
    await new Promise((r) => setImmediate(r));
    over();
    const p = await peeking;
    expect(p.ended).toBe(false);
    expect(p.bytes).toBe(6);
    const all = collect(p.stream);
    src.write('second\n');
    src.end('third\n');
    expect(await all).toBe('first\nsecond\nthird\n');
  });
});
