import { openLmdbRunStore } from '../state/lmdb-run-store.js';
import type { RunStore } from '../state/run-store.js';
import type { Spill } from '../operators/spill.js';

/** Where and how far keyed state may spill (see Spill): the same for every owner of a job. */
export interface SpillSettings {
  /** The run store's directory (made on first use). */
  dir: string;
  /** The budget of the whole job; each owner gets its share. */
  budgetBytes: number;
  /** Checkpoints refer to runs: a retired run is dropped only after the next commit. */
  checkpoints: boolean;
}

/**
 * One owner's spill: its share of the budget, the run store (opened on the first spill), and
 * the runs it retired. With checkpoints a retired run may still be in the latest checkpoint:
 * it is dropped once a later checkpoint (taken after it was retired) has committed.
 */
export class OwnerSpill implements Spill {
  private store: RunStore | null = null;
  private retired: number[] = [];
  private awaitingCommit: number[] = [];

  constructor(
    private readonly settings: SpillSettings,
    readonly budgetBytes: number,
    private readonly open: (dir: string, durable: boolean) => RunStore = openLmdbRunStore,
  ) {}

  get runs(): RunStore {
    this.store ??= this.open(this.settings.dir, this.settings.checkpoints);
    return this.store;
  }

  retire(ids: number[]): void {
    if (this.settings.checkpoints) this.retired.push(...ids);
    else this.runs.drop(ids);
  }

  /** A checkpoint took the state: what was retired before it goes once it commits. */
  snapshotTaken(): void {
    this.awaitingCommit.push(...this.retired);
    this.retired = [];
  }

  /** The checkpoint taken last has committed. */
  committed(): void {
    if (this.awaitingCommit.length === 0) return;
    this.runs.drop(this.awaitingCommit);
    this.awaitingCommit = [];
  }

  /** Closes the run store (an LMDB environment must be closed before its thread ends). */
  async close(): Promise<void> {
    await this.store?.close();
    this.store = null;
  }
}
