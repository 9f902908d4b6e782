import type { Plan } from '../../dsl/plan-types.js';
import { frameLines } from '../../io/framing/frame-lines.js';
import type { Split } from '../../io/sources/split.js';
import type { Chunk } from './chunk.js';

/** Where to resume reading a split (from a checkpoint). */
export interface ReadStart {
  offset: number;
  line: number;
}

/** What the reader hands to the job: a chunk of a split, or the end of a split. */
export type InputEvent = { kind: 'chunk'; chunk: Chunk } | { kind: 'end'; split: number };

/**
 * The reader for a plan: an aggregation's inputs are read several at a time (results do not
 * depend on the order between inputs: lateness is per input, and results are ordered by window
 * and key); other pipelines read them one after the other, so output keeps the inputs' order.
 */
export function readInputs(plan: Plan, splits: Split[], isStopped: () => boolean, starts: (ReadStart | undefined)[], allocate?: (bytes: number) => Buffer): AsyncGenerator<InputEvent> {
  const concurrent = plan.steps.some((s) => s.op === 'aggregate');
  return (concurrent ? readChunksConcurrently : readChunks)(splits, isStopped, starts, allocate);
}

/**
 * Reads the splits in order, one after the other, as newline-aligned chunks stamped with the
 * time they were read, from `starts[i]` when resuming. Live inputs (stdin) are framed eagerly so
 * that a line is processed as soon as it arrives; files are cut the same way on every run.
 */
export async function* readChunks(splits: Split[], isStopped: () => boolean, starts: (ReadStart | undefined)[] = [], allocate?: (bytes: number) => Buffer): AsyncGenerator<InputEvent> {
  for (let i = 0; i < splits.length && !isStopped(); i++) {
    yield* readSplit(splits, i, isStopped, starts[i], allocate);
  }
}

/**
 * Reads up to `maxOpen` splits at a time, interleaving their chunks as they come (each split's
 * chunks stay in order): for jobs whose results do not depend on the order between inputs.
 */
export async function* readChunksConcurrently(splits: Split[], isStopped: () => boolean, starts: (ReadStart | undefined)[] = [], allocate?: (bytes: number) => Buffer, maxOpen = 4): AsyncGenerator<InputEvent> {
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
        active.set(i, pull(i, readSplit(splits, i, isStopped, starts[i], allocate)));
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

async function* readSplit(splits: Split[], i: number, isStopped: () => boolean, start: ReadStart | undefined, allocate?: (bytes: number) => Buffer): AsyncGenerator<InputEvent> {
  const split = splits[i]!;
  const from = split.replayable ? start : undefined;
  const bytes = await split.open(from?.offset ?? 0);
  let seq = 0;
  const framing = { eager: !split.replayable, startOffset: from?.offset ?? 0, firstLine: from?.line ?? 1, allocate };
  for await (const c of frameLines(bytes, framing)) {
    yield { kind: 'chunk', chunk: { ...c, split: i, seq: seq++, readAtMs: Date.now() } };
    if (isStopped()) return;
  }
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
