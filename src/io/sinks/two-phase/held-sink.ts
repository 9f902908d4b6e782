import type { Rec } from '../../../common/record.js';
import type { Sink } from '../../../engine/contracts/sink.js';
import type { PendingCommit } from './pending.js';
import type { TwoPhaseSink } from '../../../engine/contracts/two-phase-sink.js';

/**
 * `--exactly-once` on stdout: results are held in memory until the checkpoint that covers them
 * commits, then written. After a crash, held results are produced again from the checkpoint.
 */
export class HeldSink implements TwoPhaseSink {
  private held: (Rec | string)[] = [];
  private prepared: (Rec | string)[] = [];

  constructor(private readonly inner: Sink) {}

  get closed(): boolean {
    return this.inner.closed;
  }

  get acceptsNdjson(): boolean {
    return this.inner.acceptsNdjson;
  }

  write(rec: Rec): void {
    this.held.push(rec);
  }

  writeNdjson(text: string): void {
    this.held.push(text);
  }

  /** Nothing is written before its checkpoint commits. */
  flush(): Promise<void> {
    return Promise.resolve();
  }

  async prepareCommit(checkpointId: number): Promise<PendingCommit> {
    this.prepared.push(...this.held);
    this.held = [];
    return { version: 1, checkpointId, parts: [], finals: {} };
  }

  async commit(): Promise<void> {
    for (const item of this.prepared) {
      if (typeof item === 'string') this.inner.writeNdjson(item);
      else this.inner.write(item);
    }
    this.prepared = [];
    await this.inner.flush();
  }

  async recover(): Promise<void> {}

  close(): Promise<void> {
    return this.inner.close();
  }
}
