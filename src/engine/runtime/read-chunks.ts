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
 * Reads the splits in order, one after the other, as newline-aligned chunks stamped with the
 * time they were read, from `starts[i]` when resuming. Live inputs (stdin) are framed eagerly so
 * that a line is processed as soon as it arrives; files are cut the same way on every run.
 */
export async function* readChunks(splits: Split[], isStopped: () => boolean, starts: (ReadStart | undefined)[] = []): AsyncGenerator<InputEvent> {
  for (let i = 0; i < splits.length && !isStopped(); i++) {
    const split = splits[i]!;
    const start = split.replayable ? starts[i] : undefined;
    const bytes = await split.open(start?.offset ?? 0);
    let seq = 0;
    const framing = { eager: !split.replayable, startOffset: start?.offset ?? 0, firstLine: start?.line ?? 1 };
    for await (const c of frameLines(bytes, framing)) {
      yield { kind: 'chunk', chunk: { ...c, split: i, seq: seq++, readAtMs: Date.now() } };
      if (isStopped()) break;
    }
    yield { kind: 'end', split: i };
  }
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
