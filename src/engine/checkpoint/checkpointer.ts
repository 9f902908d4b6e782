import type { TwoPhaseSink } from '../contracts/two-phase-sink.js';
import { keyGroupOf } from '../state/key-groups.js';
import type { CheckpointInfo, StateBackend } from '../state/backend.js';
import type { OperatorEntry } from '../operators/operator.js';
import { systemClock, type Clock } from '../clock/clock.js';
import type { CheckpointMeta } from './positions.js';

/**
 * Crash injection for recovery tests: `before-commit:N` / `after-commit:N` kills the process
 * (SIGKILL) around the N-th checkpoint's commit. Unset in normal use.
 */
const CRASH = /^(before|after)-commit:(\d+)$/.exec(process.env.FSTREAM_CRASH_AT ?? '');

function crashPoint(when: 'before' | 'after', n: number): void {
  if (CRASH && CRASH[1] === when && Number(CRASH[2]) === n) process.kill(process.pid, 'SIGKILL');
}

/** Durations (ms) of the checkpoints this process took, for the benchmark's stats line. */
export const checkpointDurations: number[] = [];

/**
 * Takes consistent checkpoints (Flink's CheckpointCoordinator, with the job paused at a chunk
 * boundary): input positions, window state by key group and the sink's pending output are
 * committed together in one backend transaction, and only then is the output made visible
 * (two-phase commit). Committing checkpoint N covers all earlier ones.
 */
export class Checkpointer {
  private nextId: number;
  private lastMs: number;
  private taken = 0;

  constructor(
    private readonly backend: StateBackend,
    private readonly hash: string,
    private readonly sink: TwoPhaseSink | null,
    latestId: number,
    readonly intervalMs: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.nextId = latestId + 1;
    this.lastMs = clock.now();
  }

  /** True when the interval has passed since the last checkpoint. */
  get due(): boolean {
    return this.clock.now() - this.lastMs >= this.intervalMs;
  }

  /**
   * `entries` must be a snapshot taken at the same point as `meta` (already copied/encoded).
   * `began`: when the barrier was taken (its duration, in `checkpointDurations`, counts from there).
   */
  async checkpoint(meta: CheckpointMeta, entries: OperatorEntry[], began = performance.now()): Promise<CheckpointInfo> {
    const id = this.nextId++;
    const writer = this.backend.begin(id, this.hash);
    try {
      writer.putMeta(meta);
      const groups = new Map<number, OperatorEntry[]>();
      for (const e of entries) {
        const kg = keyGroupOf(e.key);
        let g = groups.get(kg);
        if (!g) groups.set(kg, (g = []));
        g.push(e);
      }
      for (const [kg, g] of groups) await writer.putGroupEntries(kg, g);
      const pending = this.sink ? await this.sink.prepareCommit(id) : null;
      writer.putSinkPending(pending);
      this.taken++;
      crashPoint('before', this.taken);
      const info = await writer.commit();
      crashPoint('after', this.taken);
      if (this.sink && pending) await this.sink.commit(pending);
      this.lastMs = this.clock.now();
      checkpointDurations.push(performance.now() - began);
      return info;
    } catch (err) {
      await writer.abort().catch(() => {});
      throw err;
    }
  }
}
