import type { Clock } from '../clock/clock.js';
import type { LineChunk } from '../contracts/line-chunk.js';
import type { EnumeratorEvent, ReadPosition, ReadEvent, SavedSplit, Source, SourceSplit } from '../contracts/source.js';

/**
 * What the job reads, in order: a split added by the enumerator (before any of its chunks), its
 * chunks (stamped with the time they were read), the damage that ended it early, its end (after
 * all of these); and, for a bounded source, that no more splits will come.
 */
export type InputEvent =
  | { kind: 'add'; split: SourceSplit; resume: SavedSplit | null }
  | { kind: 'chunk'; id: string; chunk: LineChunk; readAtMs: number }
  | { kind: 'damaged'; id: string; line: number; error: string; tail: Buffer }
  | { kind: 'end'; id: string }
  | { kind: 'no-more-splits' }
  | { kind: 'initial-splits-added' };

export interface ScheduleOptions {
  /** Splits read at a time: 1 keeps the inputs' order in the output. */
  maxOpen: number;
  /** Aborts reading at once (the enumerator and every reader). */
  signal: AbortSignal;
  clock: Clock;
  allocate?: (bytes: number) => Buffer;
  recycle?: (buffer: ArrayBufferLike) => void;
}

type Item = { from: 'enumerator'; r: IteratorResult<EnumeratorEvent> } | { from: string; r: IteratorResult<ReadEvent> };

/**
 * Drives a source: pulls its enumerator's events and reads the splits it adds, up to `maxOpen`
 * at a time in the order they were added, each split's events in order. A split's reading starts
 * after its `add` event was handed on. Ends when the enumerator has no more splits and every
 * split was read, or when the signal aborts. Each pending read has one listener (no per-item
 * race), so a quiet split never retains what the others produce.
 */
export async function* scheduleReads(source: Source, options: ScheduleOptions): AsyncGenerator<InputEvent> {
  const { signal, clock } = options;
  const enumerator = source.enumerator.events(signal)[Symbol.asyncIterator]();
  const readers = new Map<string, AsyncIterator<ReadEvent>>();
  const waiting: { split: SourceSplit; from: ReadPosition | null }[] = [];
  const ready: (Item | { from: string; error: unknown })[] = [];
  let wake: (() => void) | null = null;
  let enumerating = true;
  const deliver = (item: Item | { from: string; error: unknown }): void => {
    ready.push(item);
    wake?.();
  };
  const pullEnumerator = (): void => {
    enumerator.next().then(
      (r) => deliver({ from: 'enumerator', r }),
      (error: unknown) => deliver({ from: 'enumerator', error }),
    );
  };
  const pullReader = (id: string): void => {
    readers
      .get(id)!
      .next()
      .then(
        (r) => deliver({ from: id, r }),
        (error: unknown) => deliver({ from: id, error: signal.aborted ? null : error }),
      );
  };
  try {
    pullEnumerator();
    while (!signal.aborted) {
      while (readers.size < options.maxOpen && waiting.length > 0) {
        const { split, from } = waiting.shift()!;
        readers.set(split.id, source.reader.read(split, from, { signal, allocate: options.allocate, recycle: options.recycle })[Symbol.asyncIterator]());
        pullReader(split.id);
      }
      if (!enumerating && readers.size === 0 && waiting.length === 0) return;
      while (ready.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const item = ready.shift()!;
      if ('error' in item) {
        if (signal.aborted) return;
        throw item.error;
      }
      if (item.from === 'enumerator') {
        const r = item.r as IteratorResult<EnumeratorEvent>;
        if (r.done === true) {
          enumerating = false;
          continue;
        }
        const ev = r.value;
        yield ev;
        if (ev.kind === 'add')
          waiting.push({ split: ev.split, from: ev.resume && ev.split.replayable ? { offset: ev.resume.offset, line: ev.resume.line } : null });
        if (ev.kind === 'no-more-splits') enumerating = false;
        else pullEnumerator();
        continue;
      }
      const id = item.from;
      const r = item.r as IteratorResult<ReadEvent>;
      if (r.done === true) {
        readers.delete(id);
        if (!signal.aborted) yield { kind: 'end', id };
        continue;
      }
      const ev = r.value;
      if (ev.kind === 'chunk') yield { kind: 'chunk', id, chunk: ev.chunk, readAtMs: clock.now() };
      else yield { kind: 'damaged', id, line: ev.line, error: ev.error, tail: ev.tail };
      pullReader(id);
    }
  } finally {
    for (const it of readers.values()) void Promise.resolve(it.return?.()).catch(() => {});
    void Promise.resolve(enumerator.return?.()).catch(() => {});
  }
}
