import { planShape } from '../../plan/plan-fingerprint.js';
import type { Plan } from '../../plan/types.js';
import type { Checkpointer } from '../checkpoint/checkpointer.js';
import { CHECKPOINT_META_VERSION, type CheckpointMeta } from '../checkpoint/positions.js';
import type { SplitEnumerator } from '../contracts/source.js';
import type { Executor } from './executor.js';
import type { JobOutput } from './job-output.js';
import type { JobWatermark } from './job-watermark.js';
import type { SplitTable } from './split-table.js';

/**
 * Takes a job's checkpoints, one at a time (a checkpoint asked for while one runs waits for it):
 * at a chunk boundary of every split, the executor drains, fires at the watermark and snapshots
 * the keyed step; with the state of the operators after it, the splits' positions and the
 * enumerator's state, the checkpointer commits them and the sink's pending output together.
 */
export class CheckpointCoordinator {
  private running: Promise<void> | null = null;

  constructor(
    private readonly checkpointer: Checkpointer,
    private readonly job: {
      plan: Plan;
      parallelism: number;
      enumerator: SplitEnumerator;
      splits: SplitTable;
      executor: Executor;
      output: JobOutput;
      watermark: JobWatermark;
    },
  ) {}

  /** The checkpoint interval has passed since the last one. */
  get due(): boolean {
    return this.checkpointer.due;
  }

  /** The checkpoint running now, if any. */
  get busy(): Promise<void> | null {
    return this.running;
  }

  /** Takes a checkpoint at `watermark` once the one running (if any) is done. */
  take(watermark: number): Promise<void> {
    const next = (this.running ?? Promise.resolve()).then(() => this.checkpoint(watermark));
    this.running = next;
    void next
      .finally(() => {
        if (this.running === next) this.running = null;
      })
      .catch(() => {});
    return next;
  }

  private async checkpoint(watermark: number): Promise<void> {
    const { executor, output, splits, plan } = this.job;
    const began = performance.now();
    const snap = await executor.snapshot(watermark);
    this.job.watermark.fired(watermark);
    output.snapshotOperators((e) => snap.entries.push(e));
    await output.flush();
    const meta: CheckpointMeta = {
      version: CHECKPOINT_META_VERSION,
      plan: planShape(plan),
      splits: splits.snapshot(),
      enumerator: this.job.enumerator.snapshot(),
      watermark: this.job.watermark.recorded(snap.maxFiredEnd),
      parallelism: this.job.parallelism,
      ...(snap.runs.length > 0 ? { runs: snap.runs } : {}),
    };
    await this.checkpointer.checkpoint(meta, snap.entries, began);
    executor.committed();
  }
}
