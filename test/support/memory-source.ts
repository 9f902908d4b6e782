import type { EnumeratorEvent, ReadEvent, Source, SourceSplit } from '../../src/engine/contracts/source.js';
import { MemorySplit } from '../../src/io/sources/memory-split.js';

export { MemorySplit, memorySource } from '../../src/io/sources/memory-split.js';

/**
 * A split that will not grow once ended and that the job forgets then, like an object of a
 * followed S3 prefix.
 */
export class ObjectSplit extends MemorySplit {
  readonly complete = true;
  readonly forgetWhenEnded = true;
}

/**
 * An unbounded source in memory, like a followed S3 prefix: it adds `initial`, says its initial
 * splits are added, then adds what the test gives `add`, until the job stops.
 */
export class UnboundedMemorySource implements Source {
  readonly bounded = false;
  private readonly queue: MemorySplit[];
  private wake: (() => void) | null = null;

  constructor(initial: MemorySplit[] = []) {
    this.queue = [...initial];
  }

  /** Adds a split (read as soon as the job sees it). */
  add(split: MemorySplit): void {
    this.queue.push(split);
    this.wake?.();
  }

  readonly enumerator = {
    events: (signal: AbortSignal): AsyncIterable<EnumeratorEvent> => this.events(signal),
    snapshot: (): unknown => null,
  };

  readonly reader = {
    read: (split: SourceSplit, _from: unknown, options: { signal: AbortSignal }): AsyncIterable<ReadEvent> => (split as MemorySplit).read(options.signal),
  };

  private async *events(signal: AbortSignal): AsyncGenerator<EnumeratorEvent> {
    for (const split of this.queue.splice(0)) yield { kind: 'add', split, resume: null };
    yield { kind: 'initial-splits-added' };
    for (;;) {
      const split = this.queue.shift();
      if (split) {
        yield { kind: 'add', split, resume: null };
        continue;
      }
      if (signal.aborted) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      this.wake = null;
    }
  }
}
