import type { FileIdentity } from '../../io/sources/file-identity.js';

/** Where reading of one split stands at a checkpoint: everything before `offset` is in the state. */
export interface SplitPosition {
  name: string;
  /** dev + ino + fingerprint of a file; null for stdin and pipes. */
  identity: FileIdentity | null;
  /** Byte offset (decompressed) of the first byte not yet read, and its line number. */
  offset: number;
  line: number;
  /** For csv/tsv: the header row, needed when resuming past it. */
  header?: string;
  /** Largest event time read from the split (its watermark before the lag). */
  maxTs: number;
  /** The split was read to its end. */
  ended: boolean;
}

/** Job data stored with every checkpoint (the backend's `meta`). */
export interface CheckpointMeta {
  version: 1;
  plan: import('../../plan/plan-fingerprint.js').PlanShape;
  splits: SplitPosition[];
  /** The job watermark the windows were fired at. */
  watermark: number;
  parallelism: number;
}
