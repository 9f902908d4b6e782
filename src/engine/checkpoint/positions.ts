import type { PlanShape } from '../../plan/plan-fingerprint.js';
import type { SavedSplit } from '../contracts/source.js';
import type { OwnerRuns } from '../state/run-store.js';

/** The state of one split at a checkpoint: everything before `offset` is in the state. */
export interface SavedSplitState extends SavedSplit {
  /** For csv/tsv: the header row, needed when resuming past it. */
  header?: string;
  /** Largest event time handed on from the split (its watermark before the lag). */
  maxTs: number;
}

/** The version of `CheckpointMeta`; a checkpoint of another version is refused, never misread. */
export const CHECKPOINT_META_VERSION = 2;

/** Job data stored with every checkpoint (the backend's `meta`). */
export interface CheckpointMeta {
  version: typeof CHECKPOINT_META_VERSION;
  plan: PlanShape;
  /** Every split read so far, by id. */
  splits: SavedSplitState[];
  /** The source enumerator's own state (see SplitEnumerator.snapshot). */
  enumerator: unknown;
  /** The job watermark the windows were fired at (see recordedWatermark). */
  watermark: number;
  parallelism: number;
  /**
   * The spilled runs the keyed state includes, per owner at `parallelism` (absent: none). A
   * checkpoint refers to them instead of copying them: each is written once (incremental).
   */
  runs?: OwnerRuns[];
}
