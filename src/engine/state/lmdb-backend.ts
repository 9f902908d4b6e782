/**
 * The LMDB state backend (`--state DIR`) and the read-only view of a state directory that
 * `fstream state ls|show` use. The only module that imports `lmdb`: load it lazily,
 * `const { openLmdbBackend } = await import('./engine/state/lmdb-backend.js')`.
 *
 * Values are msgpack (msgpackr, `moreTypes` so typed arrays come back as typed arrays and are
 * copies, not views of LMDB's reused read buffer), sealed with a checksum (see lmdb-layout.ts).
 * Every commit is fsynced.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lmdb from 'lmdb';
import type { Database, RootDatabase } from 'lmdb';
import type { CheckpointInfo, CheckpointWriter, StateBackend, StateBackendOptions } from './backend.js';
import { checkBeginId } from './check-writer.js';
import { CheckpointRecords, type RecordView } from './checkpoint-records.js';
import { readFileSnapshot } from './file-snapshot.js';
import { FORMAT, formatKey, keyText, type Key } from './lmdb-layout.js';
import { LmdbWriter, type RawStore, type WriterHost } from './lmdb-writer.js';
import { ReadOnlyBackend } from './read-only-backend.js';
import { seal } from './sealed-value.js';
import { createStateDir, inspectStateDir, markCommitted, prepareStateDir } from './state-dir.js';
import { StateError, corruptState } from './state-error.js';
import { lockStateDir, type StateLock } from './state-lock.js';

type Root = RootDatabase<unknown, Key>;
type Store = Database<Buffer, Key>;
interface Codec {
  encode(v: unknown): Buffer;
  decode(b: Buffer): unknown;
}

const CODEC_OPTIONS = { encoder: { moreTypes: true }, compression: false, overlappingSync: false } as const;

/**
 * Opens (or creates) the state environment in `dir` for this process alone (see `lockStateDir`).
 * Throws `StateError` for a directory that is in use, not writable, not fstream's, of another
 * format, or whose files are truncated, overwritten or otherwise damaged.
 */
export async function openLmdbBackend(dir: string, opts: StateBackendOptions = {}): Promise<StateBackend> {
  createStateDir(dir);
  const lock = await lockStateDir(dir);
  try {
    const { committed } = prepareStateDir(dir);
    let root: Root;
    try {
      root = lmdb.open<unknown, Key>({ path: dir, ...CODEC_OPTIONS });
    } catch (err) {
      throw corruptState(dir, `LMDB cannot open it (${(err as Error).message})`, err);
    }
    try {
      const store = root.openDB({ name: null, encoding: 'binary', compression: false } as unknown as { name: string }) as unknown as Store;
      const codec = codecOf(root);
      const records = new CheckpointRecords(lmdbView(store), dir, (p) => codec.decode(p));
      await checkFormat(records, dir, () => store.put(formatKey, seal(keyText(formatKey), codec.encode(FORMAT))));
      return new LmdbStateBackend(root, store, codec, records, dir, Math.max(1, opts.retain ?? 1), lock, committed);
    } catch (err) {
      await root.close();
      throw err instanceof StateError ? err : corruptState(dir, (err as Error).message, err);
    }
  } catch (err) {
    await lock.release();
    throw err;
  }
}

/**
 * The committed checkpoints of `dir`, read without LMDB and without writing anything (see
 * `readFileSnapshot`); chunk values are read only with `groups`. The directory must carry the
 * marker. Throws `StateError` as `openLmdbBackend` does.
 */
export async function openLmdbSnapshot(dir: string, opts: { groups: boolean }): Promise<StateBackend> {
  // Before the first commit there is nothing to read (and data.mdb may be a killed run's start).
  const { committed } = inspectStateDir(dir);
  if (!committed) {
    const none: RecordView = { get: () => undefined, range: () => [], keys: () => [] };
    return new ReadOnlyBackend(new CheckpointRecords(none, dir, () => undefined));
  }
  const view = await readFileSnapshot(dir, keyCodec(), (k) => opts.groups || k[0] !== 'g');
  const codec = await scratchCodec();
  const records = new CheckpointRecords(view, dir, (p) => codec.decode(p));
  await checkFormat(records, dir, null);
  return new ReadOnlyBackend(records);
}

/** The layout version stored under `['format']` must be this one's; `init` writes it when absent. */
async function checkFormat(records: CheckpointRecords, dir: string, init: (() => Promise<unknown>) | null): Promise<void> {
  let format: unknown;
  try {
    format = records.value(formatKey);
  } catch (err) {
    throw err instanceof StateError ? err : corruptState(dir, `the layout version is unreadable (${(err as Error).message})`, err);
  }
  if (format === undefined && init) await init();
  else if (format !== FORMAT) throw corruptState(dir, `unknown layout version ${String(format)}`);
}

function lmdbView(store: Store): RecordView {
  return {
    get: (key) => store.get(key),
    range: (start, end) => store.getRange({ start, end }) as Iterable<{ key: Key; value: Buffer }>,
    keys: (start, end) => store.getKeys({ start, end }),
  };
}

/** The msgpackr instance lmdb encodes values with (absent from lmdb's types). */
function codecOf(root: Root): Codec {
  return (root as unknown as { encoder: Codec }).encoder;
}

/**
 * lmdb lends its msgpack codec only through an open store: reading a state directory without
 * LMDB borrows it from a throwaway store in a fresh temporary directory (deleted at once).
 */
async function scratchCodec(): Promise<Codec> {
  let tmp: string;
  try {
    tmp = mkdtempSync(join(tmpdir(), 'fstream-'));
  } catch (err) {
    throw new StateError(`cannot read state: no writable temporary directory (${(err as Error).message}); set TMPDIR`, { cause: err });
  }
  try {
    const db = lmdb.open<unknown, Key>({ path: tmp, ...CODEC_OPTIONS });
    const codec = codecOf(db);
    await db.close();
    return codec;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** lmdb's key encoding (ordered-binary; absent from lmdb's types). */
function keyCodec(): { encode(key: Key): Buffer; decode(bytes: Buffer): Key } {
  const m = lmdb as unknown as { keyValueToBuffer(key: Key): Buffer; bufferToKeyValue(bytes: Buffer): unknown };
  return {
    encode: (key) => m.keyValueToBuffer(key),
    // A one-element array key is stored as its element.
    decode: (bytes) => {
      const key = m.bufferToKeyValue(bytes);
      return (Array.isArray(key) ? key : [key]) as Key;
    },
  };
}

class LmdbStateBackend implements StateBackend, WriterHost {
  private writing = false;
  private closed = false;

  constructor(
    private readonly root: Root,
    private readonly raw: Store,
    private readonly codec: Codec,
    private readonly records: CheckpointRecords,
    readonly dir: string,
    private readonly retain: number,
    private readonly lock: StateLock,
    /** A checkpoint was committed in this directory at some point (see markCommitted). */
    private committed: boolean,
  ) {}

  get store(): RawStore {
    return this.raw as unknown as RawStore;
  }

  begin(id: number, planHash: string): CheckpointWriter {
    this.checkOpen();
    if (this.writing) throw new StateError('another checkpoint is being written');
    checkBeginId(id, this.latest()?.id ?? null);
    // A crashed writer may have left chunks under this id.
    this.raw.transactionSync(() => {
      for (const k of [...this.raw.getKeys({ start: ['g', id], end: ['g', id + 1] })]) this.raw.removeSync(k);
    });
    this.writing = true;
    return new LmdbWriter(this, id, planHash);
  }

  encode(value: unknown): Uint8Array {
    return this.codec.encode(value);
  }

  keepIds(newId: number): Set<number> {
    const ids = this.records.headerIds().filter((i) => i < newId);
    return new Set([...ids.slice(Math.max(0, ids.length - (this.retain - 1))), newId]);
  }

  release(): void {
    this.writing = false;
  }

  afterCommit(): void {
    if (!this.committed) {
      markCommitted(this.dir);
      this.committed = true;
    }
  }

  latest(): CheckpointInfo | null {
    this.checkOpen();
    return this.records.latest();
  }

  list(): CheckpointInfo[] {
    this.checkOpen();
    return this.records.list();
  }

  async readGroups(id: number, groups: readonly number[]): Promise<Map<number, unknown[]>> {
    this.checkOpen();
    return this.records.readGroups(id, groups);
  }

  async readSinkPending(id: number): Promise<unknown> {
    this.checkOpen();
    return this.records.readSinkPending(id);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.root.close();
    } finally {
      await this.lock.release();
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new StateError('the state backend is closed');
  }
}
