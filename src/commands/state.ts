import { formatByteSize } from '../common/byte-size.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../common/errors.js';
import type { CheckpointMeta } from '../engine/checkpoint/positions.js';
import type { PartialEntry } from '../engine/operators/window-store.js';
import type { RunPane } from '../engine/state/run-store.js';
import type { OperatorEntry } from '../engine/operators/operator.js';
import { describeCheckpoints } from '../engine/state/describe-checkpoints.js';
import { KEY_GROUPS } from '../engine/state/key-groups.js';
import { MARKER_FILE } from '../engine/state/lmdb-layout.js';
import { removeStateDir } from '../engine/state/remove-state-dir.js';
import { formatIso } from '../common/time/format-iso.js';

/**
 * `fstream state ls|show|rm DIR`: inspect or delete the checkpoints kept in a state directory.
 * `ls` and `show` only read; `rm` deletes only what fstream wrote, and refuses while a job runs.
 */
export async function stateCommand(action: string, dir: string): Promise<number> {
  if (!['ls', 'show', 'rm'].includes(action)) throw new UsageError(`unknown state action \`${action}\``, ['use: fstream state ls|show|rm DIR']);
  if (!existsSync(join(dir, MARKER_FILE)))
    throw new UsageError(`${dir} is not an fstream state directory`, ['state directories are made by `fstream --state DIR ...`']);
  if (action === 'rm') {
    const { removedDir, kept } = await removeStateDir(dir);
    if (removedDir) process.stdout.write(`removed ${dir}\n`);
    else process.stdout.write(`removed the state in ${dir}; kept the directory and what fstream did not write there: ${kept.join(', ')}\n`);
    return 0;
  }
  // A reader that is gone (`| head`) ends the listing quietly (SPEC §7); ls and show change nothing.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') process.stderr.write(`error: cannot write the output: ${err.message}\n`);
    process.exit(err.code === 'EPIPE' ? 0 : 1);
  });
  // Read-only: ls and show write nothing, and may read a directory a running job holds.
  const { openLmdbSnapshot } = await import('../engine/state/lmdb-backend.js');
  const backend = await openLmdbSnapshot(dir, { groups: action === 'show' });
  try {
    const rows = describeCheckpoints(backend);
    if (rows.length === 0) {
      process.stdout.write(`${dir}: no checkpoint yet\n`);
      return 0;
    }
    if (action === 'ls') {
      for (const r of rows) {
        const meta = r.meta as CheckpointMeta;
        process.stdout.write(
          `checkpoint ${r.id}${r.latest ? ' (latest)' : ''}  ${r.time}  state ${formatByteSize(r.bytes)} in ${r.entries} entries${spilled(meta)}  plan ${r.planHash}  parallelism ${meta.parallelism}\n`,
        );
        for (const s of meta.splits) process.stdout.write(`  ${s.name}  offset ${s.offset}  line ${s.line}${s.ended ? '  (read to the end)' : ''}\n`);
      }
      return 0;
    }
    const latest = rows[rows.length - 1]!;
    const meta = latest.meta as CheckpointMeta;
    const groups = await backend.readGroups(
      latest.id,
      Array.from({ length: KEY_GROUPS }, (_, i) => i),
    );
    const windows = new Map<string, Set<string>>();
    const aggAt = (meta.plan.steps as { op: string }[]).findIndex((s) => s.op === 'aggregate');
    for (const g of groups.values()) {
      for (const entry of g as OperatorEntry[]) {
        if (entry.op !== aggAt) continue;
        const e = entry.value as PartialEntry;
        const w = Number.isFinite(e.start) ? `[${formatIso(e.start)}, ${formatIso(e.end)})` : 'global';
        let keys = windows.get(w);
        if (!keys) windows.set(w, (keys = new Set()));
        keys.add(e.key);
      }
    }
    for (const p of liveRunPanes(meta)) {
      const w = Number.isFinite(p.start) ? `[${formatIso(p.start)}, ${formatIso(p.end)})` : 'global';
      if (!windows.has(w)) windows.set(w, new Set());
    }
    const wm = Number.isFinite(meta.watermark) ? formatIso(meta.watermark) : String(meta.watermark);
    process.stdout.write(`checkpoint ${latest.id} at ${latest.time}, watermark ${wm}\n`);
    const agg = (meta.plan.steps as { op: string; window?: { kind: string } }[]).find((s) => s.op === 'aggregate');
    if (!agg) process.stdout.write('no windowed state (the pipeline has no aggregation)\n');
    else {
      process.stdout.write(`aggregate (window ${agg.window?.kind}): ${windows.size} open windows, ${latest.entries} (window, key) entries${spilled(meta)}\n`);
      for (const [w, keys] of [...windows].sort(([a], [b]) => (a < b ? -1 : 1)))
        process.stdout.write(`  ${w}  ${keys.size} keys${(meta.runs ?? []).length > 0 ? ' in the checkpoint (more in its runs on disk)' : ''}\n`);
    }
    for (const s of meta.splits)
      process.stdout.write(
        `input ${s.name}: offset ${s.offset}, line ${s.line}, largest event time ${Number.isFinite(s.maxTs) ? formatIso(s.maxTs) : 'none'}\n`,
      );
    printEnumeratorState(meta.enumerator);
    return 0;
  } finally {
    await backend.close();
  }
}

/**
 * The keyed state a checkpoint refers to in spilled runs (on disk in `DIR/runs`), besides its own
 * entries (read into memory on restore): `, + 2.0 MiB in 5,000,000 entries in 3 runs on disk`.
 */
function spilled(meta: CheckpointMeta): string {
  const runs = (meta.runs ?? []).flatMap((o) => o.runs);
  if (runs.length === 0) return '';
  const entries = liveRunPanes(meta).reduce((n, p) => n + p.entries, 0);
  const bytes = runs.reduce((n, r) => n + r.bytes, 0);
  return `, + ${formatByteSize(bytes)} in ${entries} entries in ${runs.length} run${runs.length === 1 ? '' : 's'} on disk`;
}

/** The panes of the checkpoint's runs whose windows had not fired (a run keeps fired ones until it is dropped). */
function liveRunPanes(meta: CheckpointMeta): RunPane[] {
  return (meta.runs ?? []).flatMap((o) => o.runs.flatMap((r) => r.panes.filter((p) => p.end - 1 > meta.watermark)));
}

/** What the source remembers besides the splits being read (each part's, for mixed inputs). */
function printEnumeratorState(state: unknown): void {
  const parts = (state as { parts?: unknown[] } | null)?.parts ?? [state];
  for (const part of parts) {
    // A followed job remembers files it has finished (to know their copies) until they are gone.
    const finished = (part as { finished?: { path: string; offset: number; end: string }[] } | null)?.finished ?? [];
    for (const f of finished) process.stdout.write(`finished ${f.path}: ${f.offset} bytes read (${f.end})\n`);
    // An S3 input's listing cursor: every object up to it was read (or is being read, above).
    const s3 = part as { url?: string; cursor?: string | null } | null;
    if (s3?.url !== undefined) process.stdout.write(`listed ${s3.url}: ${s3.cursor === null ? 'nothing yet' : `up to key ${s3.cursor}`}\n`);
  }
}
