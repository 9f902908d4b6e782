import type { PartialEntry } from '../operators/window-store.js';
import type { Checkpointer } from './checkpointer.js';
import type { CheckpointMeta, SplitPosition } from './positions.js';
import type { FileIdentity } from '../../io/sources/file-identity.js';

/** A job's state options (`--state`): how it checkpoints, and what it resumes from. */
export interface JobState {
  checkpointer: Checkpointer;
  /** Identity of each split (null for stdin and pipes), recorded in checkpoints. */
  identities: (FileIdentity | null)[];
  /** The checkpoint to resume from, with each current split's saved position (if any). */
  restored: { meta: CheckpointMeta; entries: PartialEntry[]; positions: (SplitPosition | undefined)[] } | null;
}

/** Positions of the splits as the job has read them. */
export class SplitProgress {
  readonly offsets: number[];
  readonly lines: number[];
  readonly headers: (string | undefined)[];
  readonly ended: boolean[];

  constructor(n: number, restored: (SplitPosition | undefined)[] = []) {
    this.offsets = Array.from({ length: n }, (_, i) => restored[i]?.offset ?? 0);
    this.lines = Array.from({ length: n }, (_, i) => restored[i]?.line ?? 1);
    this.headers = Array.from({ length: n }, (_, i) => restored[i]?.header);
    this.ended = new Array<boolean>(n).fill(false);
  }

  positions(names: string[], identities: (FileIdentity | null)[], maxTs: number[]): SplitPosition[] {
    return names.map((name, i) => {
      const p: SplitPosition = { name, identity: identities[i] ?? null, offset: this.offsets[i]!, line: this.lines[i]!, maxTs: maxTs[i]!, ended: this.ended[i]! };
      if (this.headers[i] !== undefined) p.header = this.headers[i];
      return p;
    });
  }
}
