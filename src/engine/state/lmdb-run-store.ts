/**
 * Runs (see run-store.ts) in an LMDB environment of their own: `DIR/runs` beside the checkpoint
 * environment of `--state DIR`, or a temporary directory for a job without `--state`. Keys are
 * ordered-binary arrays:
 *
 * - `['next']` → the next run id (ids are unique across threads and restarts)
 * - `[id, pane, chunk]` → a chunk of a pane of a run (`RunChunk`, msgpack)
 *
 * A run is written in one transaction, committed (and fsynced) before `write` returns: a
 * checkpoint that refers to it can rely on it. Loaded with `createRequire` on first use, so that
 * a job that never spills never loads LMDB, and a synchronous window store can spill.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Database, RootDatabase } from 'lmdb';
import type { RunChunk, RunInfo, RunPaneInput, RunStore } from './run-store.js';
import { StateError } from './state-error.js';

type Key = (string | number)[];
const NEXT: Key = ['next'];
/** Past every id, for range ends. */
const ID_END = 2 ** 53;

interface Codec {
  encode(v: unknown): Buffer;
  decode(b: Buffer): unknown;
}

/**
 * `durable`: every run is fsynced as it is written (a checkpoint may refer to it); without,
 * runs are temporary and a crash may lose them (nothing refers to them then).
 */
export function openLmdbRunStore(dir: string, durable = true): RunStore {
  const lmdb = createRequire(import.meta.url)('lmdb') as typeof import('lmdb');
  let root: RootDatabase<unknown, Key>;
  try {
    mkdirSync(dir, { recursive: true });
    root = lmdb.open<unknown, Key>({ path: dir, compression: false, overlappingSync: false, noSync: !durable, encoder: { moreTypes: true } });
  } catch (err) {
    throw new StateError(
      `cannot write keyed state past the memory budget to ${dir}: ${(err as Error).message} (give more --memory, or point TMPDIR or --state at a writable directory)`,
      { cause: err },
    );
  }
  // Values are encoded here (to count the bytes) with the msgpack codec lmdb lends its root.
  const raw = root.openDB({ name: null, encoding: 'binary', compression: false } as unknown as { name: string }) as unknown as Database<Buffer, Key>;
  return new LmdbRunStore(root, raw, (root as unknown as { encoder: Codec }).encoder);
}

class LmdbRunStore implements RunStore {
  constructor(
    private readonly root: RootDatabase<unknown, Key>,
    private readonly db: Database<Buffer, Key>,
    private readonly codec: Codec,
  ) {}

  write(panes: RunPaneInput[]): RunInfo {
    const db = this.db;
    return db.transactionSync(() => {
      const stored = db.get(NEXT);
      const id = stored === undefined ? 1 : (this.codec.decode(stored) as number);
      db.putSync(NEXT, this.codec.encode(id + 1));
      const info: RunInfo = { id, panes: [], bytes: 0 };
      panes.forEach((p, pane) => {
        let entries = 0;
        let chunk = 0;
        for (const c of p.chunks) {
          const value = this.codec.encode(c);
          info.bytes += value.length;
          db.putSync([id, pane, chunk++], value);
          entries += c.keys.length;
        }
        info.panes.push({ start: p.start, end: p.end, entries });
      });
      return info;
    });
  }

  *read(id: number, pane: number): Iterable<RunChunk> {
    for (const { value } of this.db.getRange({ start: [id, pane], end: [id, pane + 1] })) yield this.codec.decode(value) as RunChunk;
  }

  drop(ids: readonly number[]): void {
    if (ids.length === 0) return;
    const db = this.db;
    db.transactionSync(() => {
      for (const id of ids) for (const key of [...db.getKeys({ start: [id], end: [id + 1] })]) db.removeSync(key);
    });
  }

  ids(): number[] {
    const ids: number[] = [];
    let id = 0;
    // Jump from run to run instead of walking every chunk.
    for (;;) {
      let next: number | null = null;
      for (const key of this.db.getKeys({ start: [id + 1], end: [ID_END], limit: 1 })) if (typeof key[0] === 'number') next = key[0];
      if (next === null) return ids;
      id = next;
      ids.push(id);
    }
  }

  close(): Promise<void> {
    return this.root.close();
  }
}
