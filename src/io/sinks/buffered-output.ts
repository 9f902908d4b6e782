import { finished } from 'node:stream/promises';
import { RuntimeError } from '../../common/errors.js';

/** Errors that mean the reader went away (`| head`): not a failure, the output is just closed. */
const READER_GONE = new Set(['EPIPE', 'ECONNRESET']);

/** Default size of the in-memory buffer before it is handed to the stream in one write. */
export const BUFFER_CHARS = 64 * 1024;

export interface BufferedOutputOptions {
  /** Names the output in error messages (`stdout`, a path). */
  name: string;
  /** Characters buffered before one write to the stream; default 64 Ki. */
  bufferChars?: number;
}

/**
 * Text going to a writable stream in large pieces. `write` only appends to a string and hands it
 * to the stream once it holds `bufferChars`; `flush` hands over the rest and resolves when the
 * stream accepted everything (after 'drain' when it was full): awaiting it is how backpressure
 * reaches the engine.
 *
 * A reader that goes away (EPIPE) sets `closed`: the error is swallowed, later writes are dropped
 * and `flush` resolves (SPEC §7). Any other stream error makes `flush` and `end` reject with a
 * `RuntimeError`. An 'error' listener is attached for the stream's lifetime, so no stream error is
 * ever unhandled.
 */
export class BufferedOutput {
  private buffer = '';
  private needsDrain = false;
  private draining: Promise<void> | null = null;
  private failure: Error | null = null;
  private readerGone = false;
  private readonly limit: number;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly opts: BufferedOutputOptions,
  ) {
    this.limit = opts.bufferChars ?? BUFFER_CHARS;
    stream.on('error', (err: NodeJS.ErrnoException) => this.onError(err));
    // A drain while nobody is flushing must still clear the flag, or a later flush waits forever.
    stream.on('drain', () => (this.needsDrain = false));
  }

  /** True once the reader went away; writes are dropped from then on. */
  get closed(): boolean {
    return this.readerGone;
  }

  write(text: string): void {
    if (this.readerGone || this.failure !== null) return;
    this.buffer += text;
    if (this.buffer.length >= this.limit) this.spill();
  }

  /** Hands everything buffered to the stream; resolves when the stream is ready for more. */
  flush(): Promise<void> {
    this.spill();
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.readerGone || !this.needsDrain) return Promise.resolve();
    const state = this.stream as { writableNeedDrain?: boolean; errored?: unknown };
    if (!isDestroyed(this.stream) && !state.errored && state.writableNeedDrain === false) {
      this.needsDrain = false;
      return Promise.resolve();
    }
    return this.waitForDrain();
  }

  /** Flushes, ends the stream and resolves once it is finished and closed. */
  async end(): Promise<void> {
    await this.flush();
    if (this.readerGone) return;
    this.stream.end();
    try {
      await finished(this.stream);
    } catch (err) {
      this.onError(err as NodeJS.ErrnoException);
    }
    if (this.failure !== null) throw this.failure;
  }

  private spill(): void {
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    if (this.readerGone || this.failure !== null) return;
    if (isDestroyed(this.stream)) {
      this.readerGone = true;
      return;
    }
    if (!this.stream.write(text)) this.needsDrain = true;
  }

  private waitForDrain(): Promise<void> {
    if (this.draining !== null) return this.draining;
    const stream = this.stream;
    this.draining = new Promise<void>((resolve, reject) => {
      const done = (): void => {
        stream.off('drain', done);
        stream.off('close', done);
        stream.off('error', done);
        this.needsDrain = false;
        this.draining = null;
        if (this.failure !== null) reject(this.failure);
        else resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
      stream.on('error', done);
    });
    return this.draining;
  }

  private onError(err: NodeJS.ErrnoException): void {
    if (this.readerGone || this.failure !== null) return;
    if (err.code !== undefined && READER_GONE.has(err.code)) {
      this.readerGone = true;
      this.buffer = '';
      return;
    }
    this.failure = new RuntimeError(`cannot write to ${this.opts.name}: ${err.message}`, {
      cause: err,
    });
  }
}

function isDestroyed(stream: NodeJS.WritableStream): boolean {
  return (stream as { destroyed?: boolean }).destroyed === true;
}
