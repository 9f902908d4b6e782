import { Writable } from 'node:stream';

/** A Writable that keeps what it got; `delayMs` > 0 makes it slow (backpressure). */
export class MemoryWritable extends Writable {
  readonly chunks: string[] = [];
  isTTY?: boolean;

  constructor(opts: { highWaterMark?: number; delayMs?: number; isTTY?: boolean } = {}) {
    super({ highWaterMark: opts.highWaterMark ?? 16 * 1024, decodeStrings: false });
    this.delayMs = opts.delayMs ?? 0;
    if (opts.isTTY !== undefined) this.isTTY = opts.isTTY;
  }

  private readonly delayMs: number;

  get text(): string {
    return this.chunks.join('');
  }

  override _write(chunk: string | Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    if (this.delayMs > 0) setTimeout(cb, this.delayMs);
    else cb();
  }
}
