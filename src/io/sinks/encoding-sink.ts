import type { Rec } from '../../common/record.js';
import type { BufferedOutput } from './buffered-output.js';
import type { Encoder } from './encoder.js';
import { NdjsonEncoder } from './ndjson-encoder.js';
import type { Sink } from '../../engine/contracts/sink.js';

/**
 * A `Sink` made of an encoder and a buffered output. `finish` runs once at close, after the last
 * flush: it ends a file, or does nothing for stdout (which belongs to the process).
 */
export class EncodingSink implements Sink {
  private closing: Promise<void> | null = null;

  constructor(
    private readonly encoder: Encoder,
    private readonly output: BufferedOutput,
    private readonly finish: () => Promise<void>,
  ) {}

  get closed(): boolean {
    return this.output.closed;
  }

  get acceptsNdjson(): boolean {
    return this.encoder instanceof NdjsonEncoder;
  }

  writeNdjson(text: string): void {
    if (!this.output.closed && text !== '') this.output.write(text);
  }

  write(rec: Rec): void {
    if (this.output.closed) return;
    const text = this.encoder.encode(rec);
    if (text !== '') this.output.write(text);
  }

  flush(): Promise<void> {
    const text = this.encoder.flush();
    if (text !== '') this.output.write(text);
    return this.output.flush();
  }

  close(): Promise<void> {
    this.closing ??= this.flush().then(this.finish);
    return this.closing;
  }
}
