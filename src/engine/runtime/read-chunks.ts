import type { Plan } from '../../plan/types.js';
import { DamagedInputError } from '../../common/errors.js';
import { LineFramer } from '../../io/framing/line-framer.js';
import type { Split } from '../../io/sources/split.js';
import type { Chunk } from './chunk.js';

/** Where to resume reading a split (from a checkpoint). */
export interface ReadStart {
  offset: number;
  line: number;
}

/**
 * What the reader hands to the job: a chunk of a split; the damage that ended a split early
 * (after its last good chunk: `tail` is the start of the unfinished line at `line`); the end of
 * a split (after its last chunk, and after its damage if any).
 */
export type InputEvent =
  | { kind: 'chunk'; chunk: Chunk }
  | { kind: 'damaged'; split: number; line: number; error: string; tail: Buffer }
  | { kind: 'end'; split: number };

/** How the reader is driven. */
export interface ReadOptions {
  /** Polled between chunks: true once nothing more should be read. */
  isStopped: () => boolean;
  /** Where to resume each split (by index), from a checkpoint. */
  starts?: (ReadStart | undefined)[];
  /** Makes chunk buffers (see FramerOptions.allocate). */
  allocate?: (bytes: number) => Buffer;
  /** Aborts reading at once, also in the middle of a read that waits or never ends. */
  signal?: AbortSignal;
}

/**
 * The reader for a plan: an aggregation's inputs are read several at a time (results do not
 * depend on the order between inputs: lateness is per input, and results are ordered by window
 * and key); other pipelines read them one after the other, so output keeps the inputs' order.
 */
export function readInputs(plan: Plan, splits: Split[], options: ReadOptions): AsyncGenerator<InputEvent> {
  const concurrent = plan.steps.some((s) => s.op === 'aggregate');
  return (concurrent ? readChunksConcurrently : readChunks)(splits, options);
}

/**
 * Reads the splits in order, one after the other, as newline-aligned chunks stamped with the
 * time they were read, from `starts[i]` when resuming. Live inputs (stdin) are framed eagerly so
 * that a line is processed as soon as it arrives; files are cut the same way on every run.
 */
export async function* readChunks(splits: Split[], options: ReadOptions): AsyncGenerator<InputEvent> {
  for (let i = 0; i < splits.length && !options.isStopped(); i++) {
    yield* readSplit(splits, i, options);
  }
}

/**
 * Reads up to `maxOpen` splits at a time, interleaving their chunks as they come (each split's
 * chunks stay in order): for jobs whose results do not depend on the order between inputs.
 */
export async function* readChunksConcurrently(splits: Split[], options: ReadOptions, maxOpen = 4): AsyncGenerator<InputEvent> {
  const { isStopped } = options;
  let next = 0;
  const active = new Map<number, { it: AsyncGenerator<InputEvent>; pending: Promise<{ i: number; r: IteratorResult<InputEvent> }> }>();
  const pull = (i: number, it: AsyncGenerator<InputEvent>) => {
    const pending = it.next().then((r) => ({ i, r }));
    // A read still pending when the job stops may fail later (stdin destroyed): not an error then.
    pending.catch(() => {});
    return { it, pending };
  };
  try {
    for (;;) {
      while (active.size < maxOpen && next < splits.length && !isStopped()) {
        const i = next++;
        active.set(i, pull(i, readSplit(splits, i, options)));
      }
      if (active.size === 0) return;
      const { i, r } = await Promise.race([...active.values()].map((a) => a.pending));
      const a = active.get(i)!;
      if (r.done) {
        active.delete(i);
        continue;
      }
      active.set(i, pull(i, a.it));
      yield r.value;
      if (isStopped()) return;
    }
  } finally {
    for (const a of active.values()) void a.it.return(undefined).catch(() => {});
  }
}

async function* readSplit(splits: Split[], i: number, options: ReadOptions): AsyncGenerator<InputEvent> {
  const { isStopped, signal } = options;
  const split = splits[i]!;
  const from = split.replayable ? options.starts?.[i] : undefined;
  const bytes = await split.open(from?.offset ?? 0, signal);
  let seq = 0;
  const framer = new LineFramer({ eager: !split.replayable, startOffset: from?.offset ?? 0, firstLine: from?.line ?? 1, allocate: options.allocate });
  const chunk = (c: ReturnType<LineFramer['end']>[number]): InputEvent => ({ kind: 'chunk', chunk: { ...c, split: i, seq: seq++, readAtMs: Date.now() } });
  try {
    for await (const buf of bytes) {
      for (const c of framer.push(buf)) {
        yield chunk(c);
        if (isStopped()) return;
      }
    }
  } catch (err) {
    if (signal?.aborted) return;
    if (!(err instanceof DamagedInputError)) throw err;
    const { chunks, tail, line } = framer.abandon();
    for (const c of chunks) yield chunk(c);
    yield { kind: 'damaged', split: i, line, error: err.message, tail };
    yield { kind: 'end', split: i };
    return;
  }
  if (signal?.aborted) return;
  for (const c of framer.end()) yield chunk(c);
  yield { kind: 'end', split: i };
}

/**
 * Yields from `source` until `stop` resolves, even while `source` waits for input (a quiet stdin):
 * a signal must stop reading at once, not at the next line. (One listener on `stop` for the
 * whole iteration: `Promise.race` against it per item would retain every item.)
 */
export async function* untilStopped<T>(source: AsyncGenerator<T>, stop: Promise<void>): AsyncGenerator<T> {
  let stopped = false;
  let wake: ((r: IteratorResult<T> | null) => void) | null = null;
  void stop.then(() => {
    stopped = true;
    wake?.(null);
  });
  try {
    while (!stopped) {
      const r = await new Promise<IteratorResult<T> | null>((resolve, reject) => {
        wake = resolve;
        source.next().then(resolve, reject);
      });
      wake = null;
      if (r === null || r.done) return;
      yield r.value;
    }
  } finally {
    void source.return(undefined).catch(() => {});
  }
}
