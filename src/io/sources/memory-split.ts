import type { LineChunk } from '../../engine/contracts/line-chunk.js';
import type { EnumeratorEvent, ReadEvent, Source, SourceSplit } from '../../engine/contracts/source.js';

/**
 * A live split in memory (`fstream test`'s input, and the engine's tests): lines pushed are handed
 * on as chunks as they come; `end()` ends it. Not replayable (like stdin).
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
