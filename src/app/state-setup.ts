import type { Compiled } from '../dsl/compile.js';
import { parseDuration } from '../common/time/duration.js';
import { UsageError } from '../common/errors.js';
import type { Sink } from '../engine/contracts/sink.js';
import type { TwoPhaseSink } from '../engine/contracts/two-phase-sink.js';
import { Checkpointer } from '../engine/checkpoint/checkpointer.js';
import { CHECKPOINT_META_VERSION, type CheckpointMeta } from '../engine/checkpoint/positions.js';
import type { RestoredCheckpoint } from '../engine/runtime/job-driver.js';
import type { OperatorEntry } from '../engine/operators/operator.js';
import type { StateBackend } from '../engine/state/backend.js';
import { KEY_GROUPS } from '../engine/state/key-groups.js';
import { StateError, startFresh } from '../engine/state/state-error.js';
import { HeldSink } from '../io/sinks/two-phase/held-sink.js';
import { createTwoPhaseFileSink } from '../io/sinks/two-phase/two-phase-file-sink.js';
import { describeChange, planHash, planShape } from '../plan/plan-fingerprint.js';

export interface StateSetup {
  backend: StateBackend;
  checkpointer: Checkpointer;
  /** The checkpoint to resume from, or null for a fresh state. */
  restored: RestoredCheckpoint | null;
  /** The sink to use: two-phase for --to, held for --exactly-once stdout, else the given one. */
  sink: Sink;
}

/**
 * `--state DIR`: opens the LMDB state (one process per directory), refuses a changed pipeline
 * (exit 2) and a checkpoint of another format (never misread), reads the latest checkpoint's
 * operator state and recovers the exactly-once sink. The splits are matched to the inputs by
 * the source (see the source contract).
 */
export async function setupState(
  compiled: Compiled,
  dir: string,
  intervalText: string | undefined,
  exactlyOnce: boolean,
  stdoutSink: () => Sink,
): Promise<StateSetup> {
  const intervalMs = intervalText === undefined ? (compiled.options.checkpointIntervalMs?.value ?? 10_000) : parseDuration(intervalText);
  if (intervalMs === null || !(intervalMs > 0))
    throw new UsageError(`invalid --checkpoint-interval \`${intervalText}\``, ['durations are written like `250ms`, `10s`, `5m`']);
  const { openLmdbBackend } = await import('../engine/state/lmdb-backend.js');
  const backend = await openLmdbBackend(dir);
  try {
    return await restore(compiled, dir, backend, exactlyOnce, intervalMs, stdoutSink);
  } catch (err) {
    // Release the directory at once: the error may not end the process (tests, embedding).
    await backend.close();
    throw err;
  }
}

async function restore(
  compiled: Compiled,
  dir: string,
  backend: StateBackend,
  exactlyOnce: boolean,
  intervalMs: number,
  stdoutSink: () => Sink,
): Promise<StateSetup> {
  const { plan } = compiled;
  const shape = planShape(plan);
  const hash = planHash(shape);
  const latest = backend.latest();
  const meta = latest ? (latest.meta as CheckpointMeta) : null;
  if (meta && meta.version !== CHECKPOINT_META_VERSION) {
    throw new StateError(
      `the checkpoints in ${dir} were written by another version of fstream (checkpoint format ${String(meta.version)}, this one reads ${CHECKPOINT_META_VERSION}); ${startFresh(dir)}`,
    );
  }
  if (latest && latest.planHash !== hash) {
    throw new UsageError(`the pipeline changed since the checkpoints in ${dir} were taken: ${meta ? describeChange(meta.plan, shape) : 'different plan'}`, [
      `to start fresh: fstream state rm ${dir} (or use another --state directory)`,
    ]);
  }
  const entries: OperatorEntry[] = [];
  if (latest) {
    const groups = await backend.readGroups(
      latest.id,
      Array.from({ length: KEY_GROUPS }, (_, i) => i),
    );
    for (const g of groups.values()) entries.push(...(g as OperatorEntry[]));
  }
  let twoPhase: TwoPhaseSink | null = null;
  let sink: Sink;
  if (plan.output.to) {
    const format = plan.output.format === 'csv' ? 'csv' : 'ndjson';
    twoPhase = createTwoPhaseFileSink(plan.output.to, format);
    sink = twoPhase;
  } else if (exactlyOnce) {
    twoPhase = new HeldSink(stdoutSink());
    sink = twoPhase;
  } else sink = stdoutSink();
  if (twoPhase) await twoPhase.recover(latest ? await backend.readSinkPending(latest.id) : null);
  const checkpointer = new Checkpointer(backend, hash, twoPhase, latest?.id ?? 0, intervalMs);
  return { backend, checkpointer, sink, restored: latest && meta ? { meta, entries } : null };
}
