import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readdir } from 'node:fs/promises';
import type { Compiled } from '../dsl/compile.js';
import { parseDuration } from '../common/time/duration.js';
import { UsageError } from '../common/errors.js';
import type { Sink } from '../engine/contracts/sink.js';
import { HeldSink } from '../io/sinks/two-phase/held-sink.js';
import { createTwoPhaseFileSink } from '../io/sinks/two-phase/two-phase-file-sink.js';
import type { TwoPhaseSink } from '../engine/contracts/two-phase-sink.js';
import { createFileSplit, type FileSplit } from '../io/sources/file-split.js';
import { fileIdentity, fileIdentityFor, findByIdentity, sameFile, type FileIdentity } from '../io/sources/file-identity.js';
import type { Split } from '../io/sources/split.js';
import { Checkpointer } from '../engine/checkpoint/checkpointer.js';
import type { JobState } from '../engine/checkpoint/job-state.js';
import { describeChange, planHash, planShape } from '../plan/plan-fingerprint.js';
import type { CheckpointMeta, SplitPosition } from '../engine/checkpoint/positions.js';
import type { PartialEntry } from '../engine/operators/window-store.js';
import { KEY_GROUPS } from '../engine/state/key-groups.js';
import type { StateBackend } from '../engine/state/backend.js';

export interface StateSetup {
  state: JobState;
  backend: StateBackend;
  /** The sink to use: two-phase for --to, held for --exactly-once stdout, else the given one. */
  sink: Sink;
  /** Splits, with rotated files found by identity appended. */
  splits: Split[];
}

/**
 * `--state DIR`: opens the LMDB state, refuses a changed pipeline (exit 2), matches the saved
 * input positions to the current inputs by file identity (a file rotated to another name in the
 * same directory is found and read on from where it stopped), restores window state and
 * recovers the exactly-once sink.
 */
export async function setupState(compiled: Compiled, dir: string, intervalText: string | undefined, exactlyOnce: boolean, splitsIn: Split[], stdoutSink: () => Sink): Promise<StateSetup> {
  const intervalMs = intervalText === undefined ? compiled.options.checkpointIntervalMs?.value ?? 10_000 : parseDuration(intervalText);
  if (intervalMs === null || !(intervalMs > 0)) throw new UsageError(`invalid --checkpoint-interval \`${intervalText}\``, ['durations are written like `250ms`, `10s`, `5m`']);
  const { openLmdbBackend } = await import('../engine/state/lmdb-backend.js');
  const backend = await openLmdbBackend(dir);
  try {
    return await restore(compiled, dir, backend, exactlyOnce, intervalMs, splitsIn, stdoutSink);
  } catch (err) {
    // Release the directory at once: the error may not end the process (tests, embedding).
    await backend.close();
    throw err;
  }
}

async function restore(compiled: Compiled, dir: string, backend: StateBackend, exactlyOnce: boolean, intervalMs: number, splitsIn: Split[], stdoutSink: () => Sink): Promise<StateSetup> {
  const { plan } = compiled;
  const shape = planShape(plan);
  const hash = planHash(shape);
  const latest = backend.latest();
  const meta = latest ? (latest.meta as CheckpointMeta) : null;
  if (latest && latest.planHash !== hash) {
    throw new UsageError(`the pipeline changed since the checkpoints in ${dir} were taken: ${meta ? describeChange(meta.plan, shape) : 'different plan'}`, [
      `to start fresh: fstream state rm ${dir} (or use another --state directory)`,
    ]);
  }
  const splits = [...splitsIn];
  const identities = await Promise.all(splits.map(identityOf));
  const positions: (SplitPosition | undefined)[] = new Array(splits.length).fill(undefined);
  for (const saved of meta?.splits ?? []) {
    const i = await matchSplit(saved, splits, identities);
    if (i >= 0) {
      positions[i] = splits[i]!.replayable && identities[i] ? saved : { ...saved, offset: 0, line: 1, ended: false };
      continue;
    }
    const rotated = saved.identity ? await findRotated(saved) : null;
    if (rotated) {
      splits.push(createFileSplit(rotated));
      identities.push(saved.identity);
      positions.push(saved);
    }
  }
  const entries: PartialEntry[] = [];
  if (latest) {
    const groups = await backend.readGroups(latest.id, Array.from({ length: KEY_GROUPS }, (_, i) => i));
    for (const g of groups.values()) entries.push(...(g as PartialEntry[]));
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
  return {
    backend,
    sink,
    splits,
    state: { checkpointer, identities, restored: latest && meta ? { meta, entries, positions } : null },
  };
}

async function identityOf(split: Split): Promise<FileIdentity | null> {
  const path = (split as Partial<FileSplit>).path;
  if (!path) return null;
  try {
    if (!(await stat(path)).isFile()) return null; // a pipe: no identity, and reading it would consume it
    return await fileIdentity(path);
  } catch {
    return null;
  }
}

async function matchSplit(saved: SplitPosition, splits: Split[], identities: (FileIdentity | null)[]): Promise<number> {
  for (let i = 0; i < splits.length; i++) {
    const id = identities[i];
    if (saved.identity && id) {
      const now = id.fingerprintBytes === saved.identity.fingerprintBytes ? id : await fileIdentityFor((splits[i] as FileSplit).path, saved.identity);
      if (sameFile(saved.identity, now)) return i;
    } else if (!saved.identity && !id && saved.name === splits[i]!.name) return i;
  }
  return -1;
}

/** A file rotated away from its name (`a.log` → `a.log.1`): same identity, same directory. */
async function findRotated(saved: SplitPosition): Promise<string | null> {
  const dir = dirname(saved.name);
  try {
    const names = await readdir(dir);
    return await findByIdentity(names.map((n) => join(dir, n)), saved.identity!);
  } catch {
    return null;
  }
}
