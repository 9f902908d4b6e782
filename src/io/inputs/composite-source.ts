import type { EnumeratorEvent, Source, SourceSplit, SplitEnumerator, SplitReader } from '../../engine/contracts/source.js';

/** A composite source's checkpointed state: each part's enumerator state, in order. */
export interface CompositeState {
  parts: unknown[];
}

/**
 * Several sources as one, for `--from` entries of different kinds (files and S3 prefixes), all
 * bounded or all unbounded. Bounded: the parts' splits in the parts' order (the inputs' order), one
 * `no-more-splits` after the last part's. Unbounded: the parts enumerate side by side, and
 * `initial-splits-added` comes once every part has added the splits there are at its start. A
 * split is read by the reader of the part that added it. The snapshot holds each part's.
 */
export function compositeSource(parts: Source[]): Source {
  const owner = new WeakMap<SourceSplit, SplitReader>();
  const bounded = parts.every((p) => p.bounded);
  const enumerator: SplitEnumerator = {
    events: (signal) => (bounded ? inSequence(parts, owner, signal) : sideBySide(parts, owner, signal)),
    snapshot: (): CompositeState => ({ parts: parts.map((p) => p.enumerator.snapshot()) }),
  };
  const reader: SplitReader = { read: (split, from, options) => owner.get(split)!.read(split, from, options) };
  return { bounded, enumerator, reader };
}

/**
 * The parts' enumerator states in a checkpoint: a composite snapshot's parts, or the one state of
 * a job that had a single source (an empty list when there is none).
 */
export function partStates(state: unknown): unknown[] {
  if (state === null || state === undefined) return [];
  const parts = (state as Partial<CompositeState>).parts;
  return Array.isArray(parts) ? parts : [state];
}

async function* inSequence(parts: Source[], owner: WeakMap<SourceSplit, SplitReader>, signal: AbortSignal): AsyncGenerator<EnumeratorEvent> {
  for (const part of parts) {
    for await (const ev of part.enumerator.events(signal)) {
      if (ev.kind === 'no-more-splits') break;
      if (ev.kind === 'add') owner.set(ev.split, part.reader);
      yield ev;
    }
    if (signal.aborted) return;
  }
  yield { kind: 'no-more-splits' };
}

async function* sideBySide(parts: Source[], owner: WeakMap<SourceSplit, SplitReader>, signal: AbortSignal): AsyncGenerator<EnumeratorEvent> {
  const its = parts.map((p) => p.enumerator.events(signal)[Symbol.asyncIterator]());
  // Each pull delivers once into one queue (no race per event: a quiet part retains nothing).
  const ready: { i: number; r?: IteratorResult<EnumeratorEvent>; error?: unknown }[] = [];
  let wake: (() => void) | null = null;
  const pull = (i: number): void => {
    its[i]!.next().then(
      (r) => {
        ready.push({ i, r });
        wake?.();
      },
      (error: unknown) => {
        ready.push({ i, error });
        wake?.();
      },
    );
  };
  let running = parts.length;
  let startsLeft = parts.length;
  try {
    for (let i = 0; i < its.length; i++) pull(i);
    while (running > 0) {
      while (ready.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const { i, r, error } = ready.shift()!;
      if (r === undefined) throw error;
      if (r.done === true) {
        running--;
        continue;
      }
      const ev = r.value;
      if (ev.kind === 'add') {
        owner.set(ev.split, parts[i]!.reader);
        yield ev;
      } else if (--startsLeft === 0) yield { kind: 'initial-splits-added' };
      pull(i);
    }
  } finally {
    for (const it of its) void Promise.resolve(it.return?.()).catch(() => {});
  }
}
