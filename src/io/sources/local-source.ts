import type {
  EnumeratorEvent,
  ReadPosition,
  ReadOptions,
  ReadEvent,
  SavedSplit,
  Source,
  SourceRestore,
  SplitEnumerator,
  SplitReader,
} from '../../engine/contracts/source.js';
import { frameSplit } from './frame-split.js';
import type { LocalSplit } from './local-split.js';
import { matchSaved } from './match-saved.js';
import type { Split } from './split.js';

/**
 * The source of `--from` entries read once: stdin and files, as `resolveSplits` found them (in
 * the order given). Bounded: its enumerator adds every split, then says there are no more.
 * Restored from a checkpoint's splits, it resumes each file found again by identity (also
 * rotated to another name) where it stopped.
 */
export function createLocalSource(inputs: Split[], restore: SourceRestore = { splits: [], enumerator: null }): Source {
  // A bounded local enumerator keeps no state of its own: the splits say what was read.
  return { bounded: true, enumerator: new LocalEnumerator(inputs, restore.splits), reader: localReader };
}

class LocalEnumerator implements SplitEnumerator {
  constructor(
    private readonly inputs: Split[],
    private readonly saved: SavedSplit[],
  ) {}

  async *events(signal: AbortSignal): AsyncGenerator<EnumeratorEvent> {
    const splits = await matchSaved(this.inputs, this.saved);
    for (const { split, resume } of splits) {
      if (signal.aborted) return;
      yield { kind: 'add', split, resume };
    }
    yield { kind: 'no-more-splits' };
  }

  snapshot(): null {
    return null;
  }
}

export const localReader: SplitReader = {
  async *read(split, from: ReadPosition | null, options: ReadOptions): AsyncGenerator<ReadEvent> {
    const { bytes } = split as LocalSplit;
    const start = split.replayable ? from : null;
    yield* frameSplit(await bytes.open(start?.offset ?? 0, options.signal), start, !split.replayable, options);
  },
};
