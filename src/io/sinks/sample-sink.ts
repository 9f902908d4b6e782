import type { Rec } from '../../common/record.js';
import type { ResultChange } from '../../engine/contracts/result.js';
import type { Sink } from '../../engine/contracts/sink.js';

/**
 * `fstream tap --every N`: passes one record in `every` (the first, then every N-th) to `inner`,
 * and once `limit` have passed (null: no limit) says it is closed, which stops the job quietly
 * as a reader that went away would.
 */
export class SampleSink implements Sink {
  readonly acceptsNdjson = false;
  private seen = 0;
  private shown = 0;

  constructor(
    private readonly inner: Sink,
    private readonly every: number,
    private readonly limit: number | null,
  ) {}

  get closed(): boolean {
    return this.inner.closed || (this.limit !== null && this.shown >= this.limit);
  }

  write(rec: Rec, change?: ResultChange): void {
    if (this.closed) return;
    if (this.seen++ % this.every !== 0) return;
    this.shown++;
    this.inner.write(rec, change);
  }

  writeNdjson(): void {
    throw new Error('a sampled output takes records, not NDJSON');
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
