/**
 * The LMDB state backend (`--state DIR`). The only module that imports `lmdb`: load it lazily,
 * `const { openLmdbBackend } = await import('./engine/state/lmdb-backend.js')`.
 *
 * Values are msgpack (msgpackr, `moreTypes` so typed arrays come back as typed arrays and are
 * copies, not views of LMDB's reused read buffer). Chunks are encoded when put and written in
 * batches of ~16 MiB, each one transaction; commit writes the header and flips `latest` in a final
 * transaction, and deletes older checkpoints in the same one. Every commit is fsynced.
 */
import { asBinary, open, type RootDatabase } from 'lmdb';
import type { CheckpointInfo, CheckpointWriter, StateBackend, StateBackendOptions } from './backend.js';
import { checkBeginId, checkKeyGroup } from './check-writer.js';
import {
  BATCH_BYTES, CHUNK_ENTRIES, FORMAT, ID_END, chunkKey, formatKey, headerKey, latestKey, pendingKey,
  type Key, type StoredHeader,
} from './lmdb-layout.js';
import { markCommitted, prepareStateDir } from './state-dir.js';
import { StateError, startFresh } from './state-error.js';

type Db = RootDatabase<unknown, Key>;

/**
 * Opens (or creates) the state environment in `dir`. Throws `StateError` for a directory that is
 * not fstream's, or whose files are truncated, overwritten or otherwise unreadable.
 */
export async function openLmdbBackend(dir: string, opts: StateBackendOptions = {}): Promise<StateBackend> {
  const { committed } = prepareStateDir(dir);
  let db: Db;
  try {
    db = open<unknown, Key>({ path: dir, encoder: { moreTypes: true }, overlappingSync: false, compression: false });
  } catch (err) {
    throw corrupt(dir, `LMDB cannot open it (${(err as Error).message})`, err);
  }
  const backend = new LmdbStateBackend(db, dir, Math.max(1, opts.retain ?? 1));
  backend.committed = committed;
  try {
    const format = db.get(formatKey);
    if (format === undefined) await db.put(formatKey, FORMAT);
    else if (format !== FORMAT) throw corrupt(dir, `unknown layout version ${String(format)}`);
  } catch (err) {
    await db.close();
    throw err instanceof StateError ? err : corrupt(dir, (err as Error).message, err);
  }
  return backend;
}

function corrupt(dir: string, what: string, cause?: unknown): StateError {
  return new StateError(`the state directory ${dir} is corrupt: ${what}; ${startFresh(dir)}`, { cause });
}

class LmdbStateBackend implements StateBackend {
  private writing = false;
  private closed = false;
  /** A checkpoint was committed in this directory at some point (see markCommitted). */
  committed = true;

  constructor(
    readonly db: Db,
    readonly dir: string,
    private readonly retain: number,
  ) {}

  begin(id: number, planHash: string): CheckpointWriter {
    this.checkOpen();
    if (this.writing) throw new StateError('another checkpoint is being written');
    checkBeginId(id, this.latest()?.id ?? null);
    // A crashed writer may have left chunks under this id.
    this.db.transactionSync(() => {
      for (const k of [...this.db.getKeys({ start: ['g', id], end: ['g', id + 1] })]) this.db.removeSync(k);
    });
    this.writing = true;
    return new LmdbWriter(this, id, planHash);
  }

  /** Called by the writer when it commits or aborts. */
  release(): void {
    this.writing = false;
  }

  /** The ids to keep once `newId` is committed. */
  keepIds(newId: number): Set<number> {
    const ids = this.list().map((c) => c.id).filter((i) => i < newId);
    return new Set([...ids.slice(Math.max(0, ids.length - (this.retain - 1))), newId]);
  }

  latest(): CheckpointInfo | null {
    this.checkOpen();
    return this.guard(() => {
      const id = this.db.get(latestKey);
      if (id === undefined) {
        if (this.db.getKeysCount({ start: ['h'], end: ['h', ID_END] }) > 0) throw corrupt(this.dir, 'the latest-checkpoint pointer is missing');
        return null;
      }
      if (typeof id !== 'number') throw corrupt(this.dir, 'the latest-checkpoint pointer is damaged');
      const h = this.header(id, `the latest checkpoint ${id}`);
      const chunks = h.chunks.reduce((n, [, c]) => n + c, 0);
      if (this.db.getKeysCount({ start: ['g', id], end: ['g', id + 1] }) !== chunks || this.db.get(pendingKey(id)) === undefined) {
        throw corrupt(this.dir, `records of the latest checkpoint ${id} are missing`);
      }
      return info(h);
    });
  }

  list(): CheckpointInfo[] {
    this.checkOpen();
    return this.guard(() => [...this.db.getRange({ start: ['h'], end: ['h', ID_END] })].map((e) => info(e.value as StoredHeader)));
  }

  async readGroups(id: number, groups: readonly number[]): Promise<Map<number, unknown[]>> {
    this.checkOpen();
    return this.guard(() => {
      const counts = new Map(this.header(id, `checkpoint ${id}`).chunks);
      const out = new Map<number, unknown[]>();
      for (const kg of groups) {
        checkKeyGroup(kg);
        const list: unknown[] = [];
        let seq = 0;
        for (const { key, value } of this.db.getRange({ start: ['g', id, kg], end: ['g', id, kg + 1] })) {
          if (key[3] !== seq++ || !Array.isArray(value)) throw corrupt(this.dir, `checkpoint ${id} has a damaged record in key group ${kg}`);
          for (const e of value) list.push(e);
        }
        if (seq !== (counts.get(kg) ?? 0)) throw corrupt(this.dir, `records of checkpoint ${id} (key group ${kg}) are missing`);
        out.set(kg, list);
      }
      return out;
    });
  }

  async readSinkPending(id: number): Promise<unknown> {
    this.checkOpen();
    return this.guard(() => {
      this.header(id, `checkpoint ${id}`);
      const p = this.db.get(pendingKey(id));
      if (p === undefined) throw corrupt(this.dir, `the sink record of checkpoint ${id} is missing`);
      return p;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  private header(id: number, what: string): StoredHeader {
    const h = this.db.get(headerKey(id)) as StoredHeader | undefined;
    if (h === undefined) {
      const latest = this.db.get(latestKey);
      if (typeof latest === 'number' && id <= latest && this.db.getKeysCount({ start: ['g', id], end: ['g', id + 1] }) > 0) {
        throw corrupt(this.dir, `the header of ${what} is missing`);
      }
      if (latest === id) throw corrupt(this.dir, `${what} is missing`);
      throw new StateError(`checkpoint ${id} does not exist in ${this.dir}`);
    }
    if (typeof h !== 'object' || h === null || h.id !== id || !Array.isArray(h.chunks)) throw corrupt(this.dir, `the header of ${what} is damaged`);
    return h;
  }

  /** Turns LMDB and decoding failures (MDB_CORRUPTED, bad msgpack) into a `StateError`. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof StateError) throw err;
      throw corrupt(this.dir, (err as Error).message, err);
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new StateError('the state backend is closed');
  }
}

/** The msgpackr instance lmdb encodes values with (absent from lmdb's types). */
function encoderOf(db: Db): { encode(v: unknown): Buffer } {
  return (db as unknown as { encoder: { encode(v: unknown): Buffer } }).encoder;
}

function info(h: StoredHeader): CheckpointInfo {
  return { id: h.id, createdAt: h.createdAt, planHash: h.planHash, meta: h.meta, sizes: h.sizes };
}

class LmdbWriter implements CheckpointWriter {
  private meta: unknown = null;
  private sinkPending: unknown = null;
  private readonly chunks = new Map<number, number>();
  private batch: [Key, Buffer][] = [];
  private batchBytes = 0;
  private entries = 0;
  private bytes = 0;
  private done = false;

  constructor(
    private readonly backend: LmdbStateBackend,
    readonly id: number,
    private readonly planHash: string,
  ) {}

  putMeta(meta: unknown): void {
    this.live();
    this.meta = meta;
  }

  putSinkPending(pending: unknown): void {
    this.live();
    this.sinkPending = pending;
  }

  async putGroupEntries(kg: number, entries: readonly unknown[]): Promise<void> {
    this.live();
    checkKeyGroup(kg);
    const encoder = encoderOf(this.backend.db);
    for (let i = 0; i < entries.length; i += CHUNK_ENTRIES) {
      const seq = this.chunks.get(kg) ?? 0;
      this.chunks.set(kg, seq + 1);
      // msgpackr encodes into a reused buffer: copy before the next encode.
      const buf = Buffer.from(encoder.encode(entries.slice(i, i + CHUNK_ENTRIES)));
      this.batch.push([chunkKey(this.id, kg, seq), buf]);
      this.batchBytes += buf.length;
      this.bytes += buf.length;
    }
    this.entries += entries.length;
    if (this.batchBytes >= BATCH_BYTES) await this.writeBatch(() => {});
  }

  async commit(): Promise<CheckpointInfo> {
    this.live();
    this.done = true;
    const { db } = this.backend;
    try {
      const header: StoredHeader = {
        id: this.id,
        createdAt: Date.now(),
        planHash: this.planHash,
        meta: this.meta,
        sizes: { groups: this.chunks.size, entries: this.entries, bytes: 0 },
        chunks: [...this.chunks].sort((a, b) => a[0] - b[0]),
      };
      const encoder = encoderOf(db);
      header.sizes.bytes = this.bytes + encoder.encode(this.sinkPending).length + encoder.encode(this.meta).length;
      const keep = this.backend.keepIds(this.id);
      await this.writeBatch(() => {
        db.putSync(pendingKey(this.id), this.sinkPending ?? null);
        db.putSync(headerKey(this.id), header);
        db.putSync(latestKey, this.id);
        dropExcept(db, keep);
      });
      if (!this.backend.committed) {
        markCommitted(this.backend.dir);
        this.backend.committed = true;
      }
      return info(header);
    } finally {
      this.backend.release();
    }
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.batch = [];
    const { db } = this.backend;
    try {
      await db.transaction(() => {
        for (const k of [...db.getKeys({ start: ['g', this.id], end: ['g', this.id + 1] })]) db.removeSync(k);
      });
    } finally {
      this.backend.release();
    }
  }

  /** Writes the buffered chunks and then `more()` in one transaction. */
  private async writeBatch(more: () => void): Promise<void> {
    const { db } = this.backend;
    const batch = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    await db.transaction(() => {
      for (const [k, buf] of batch) db.putSync(k, asBinary(buf));
      more();
    });
  }

  private live(): void {
    if (this.done) throw new StateError(`checkpoint ${this.id} was already committed or aborted`);
  }
}

/** Removes every checkpoint whose id is not in `keep` (older ones and unfinished writes). */
function dropExcept(db: Db, keep: Set<number>): void {
  const drop: Key[] = [];
  for (const k of db.getKeys({ start: ['g'], end: ['g', ID_END] })) if (!keep.has(k[1] as number)) drop.push(k);
  for (const k of db.getKeys({ start: ['h'], end: ['h', ID_END] })) if (!keep.has(k[1] as number)) drop.push(k, pendingKey(k[1] as number));
  for (const k of drop) db.removeSync(k);
}
