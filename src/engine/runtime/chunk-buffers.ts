import { DEFAULT_CHUNK_BYTES } from '../contracts/line-chunk.js';

/** Spare chunk buffers kept at most (a few per worker in flight is all that is ever reused). */
const MAX_SPARE = 32;

/**
 * Chunk buffers handed back once a chunk is processed, for the framer's next chunks: a fresh
 * 1 MiB allocation per chunk costs page faults and garbage outside the heap that a thread
 * allocating little else collects late. Only full-size buffers are kept.
 */
export class ChunkBuffers {
  private readonly spare: ArrayBuffer[] = [];

  /** A buffer of `bytes` bytes owned by the caller: a spare one when it has that size. */
  readonly allocate = (bytes: number): Buffer => {
    const b = bytes === DEFAULT_CHUNK_BYTES ? this.spare.pop() : undefined;
    return b === undefined ? Buffer.allocUnsafeSlow(bytes) : Buffer.from(b, 0, bytes);
  };

  /** Takes back a buffer no longer used anywhere (a processed chunk's `data.buffer`). */
  recycle(buffer: ArrayBufferLike): void {
    if (buffer.byteLength === DEFAULT_CHUNK_BYTES && buffer instanceof ArrayBuffer && this.spare.length < MAX_SPARE) this.spare.push(buffer);
  }
}
