import { describe, expect, it } from 'vitest';
import { ChunkBuffers } from '../../../src/engine/runtime/chunk-buffers.js';
import { DEFAULT_CHUNK_BYTES, LineFramer } from '../../../src/io/framing/index.js';

describe('chunk buffers', () => {
  it('hands out recycled full-size buffers and fresh ones otherwise', () => {
    const pool = new ChunkBuffers();
    const a = pool.allocate(DEFAULT_CHUNK_BYTES);
    pool.recycle(a.buffer);
    expect(pool.allocate(DEFAULT_CHUNK_BYTES).buffer).toBe(a.buffer);
    expect(pool.allocate(DEFAULT_CHUNK_BYTES).buffer).not.toBe(a.buffer);
    const small = pool.allocate(10);
    pool.recycle(small.buffer);
    expect(pool.allocate(10).buffer).not.toBe(small.buffer);
  });

  it('a framer cutting recycled buffers gives the same chunks, and keeps long lines whole', () => {
    const pool = new ChunkBuffers();
    const text = Array.from({ length: 3000 }, (_, i) => (i % 700 === 5 ? 'x'.repeat(DEFAULT_CHUNK_BYTES + 10) : `line ${i}`)).join('\n') + '\n';
    const input = Buffer.from(text);
    const framer = new LineFramer({ allocate: pool.allocate, maxLineBytes: 2 * DEFAULT_CHUNK_BYTES });
    const read = Buffer.alloc(65536);
    let out = '';
    for (let pos = 0; pos < input.length; pos += read.length) {
      const n = input.copy(read, 0, pos, pos + read.length);
      // The reader reuses one buffer, as the file reader does.
      for (const c of framer.push(read.subarray(0, n))) {
        out += c.data.toString('latin1');
        pool.recycle(c.data.buffer);
      }
    }
    for (const c of framer.end()) out += c.data.toString('latin1');
    expect(out).toBe(text);
  });
});
