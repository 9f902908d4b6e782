import type { LineChunk } from '../../src/engine/contracts/line-chunk.js';
import type { EnumeratorEvent, ReadEvent, Source, SourceSplit } from '../../src/engine/contracts/source.js';

/**
 * A live split in memory for driver tests: lines pushed by the test are handed on as chunks as
 * they come; `end()` ends it. Not replayable (like stdin).
 */
export class MemorySplit implements SourceSplit {
  readonly replayable = false;
  readonly identity = null;
  private readonly queue: LineChunk[] = [];
  private ended = false;
  private wake: (() => void) | null = null;
  private offset = 0;
  private line = 1;

  constructor(
    readonly id: string,
    readonly name: string = id,
  ) {}

  /** Hands on `lines` (each without its `\n`) as one chunk. */
  push(...lines: string[]): void {
    // A chunk owns its ArrayBuffer from byte 0 (see LineChunk): it may move to a worker.
    const text = lines.map((l) => l + '\n').join('');
    const data = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
    data.write(text);
    this.queue.push({ data, firstLine: this.line, lines: lines.length, startOffset: this.offset, endOffset: this.offset + data.length, oversized: [] });
    this.offset += data.length;
    this.line += lines.length;
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *read(signal: AbortSignal): AsyncGenerator<ReadEvent> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk) {
        yield { kind: 'chunk', chunk };
        continue;
      }
      if (this.ended || signal.aborted) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      this.wake = null;
    }
  }
}

/** A bounded source of the given splits (added in order, then no more). */
export function memorySource(splits: MemorySplit[]): Source {
  return {
    bounded: true,
    enumerator: {
      async *events(): AsyncGenerator<EnumeratorEvent> {
        for (const split of splits) yield { kind: 'add', split, resume: null };
        yield { kind: 'no-more-splits' };
      },
      snapshot: () => null,
    },
    reader: { read: (split, _from, options) => (split as MemorySplit).read(options.signal) },
  };
}

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
