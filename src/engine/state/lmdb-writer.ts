import type { CheckpointInfo, CheckpointWriter } from './backend.js';
import { checkKeyGroup } from './check-writer.js';
import { BATCH_BYTES, CHUNK_ENTRIES, ID_END, chunkKey, headerKey, keyText, latestKey, pendingKey, type Key, type StoredHeader } from './lmdb-layout.js';
import { seal } from './sealed-value.js';
import { StateError } from './state-error.js';

/** The part of an lmdb store (binary values) a writer uses. */
export interface RawStore {
  putSync(key: Key, value: Buffer): unknown;
  removeSync(key: Key): unknown;
  getKeys(range: { start: Key; end: Key }): Iterable<Key>;
  transaction<T>(fn: () => T): Promise<T>;
}

/** What a writer needs from its backend. */
export interface WriterHost {
  readonly store: RawStore;
  /** Msgpack; the result may be a view of a reused buffer. */
  encode(value: unknown): Uint8Array;
  /** The ids to keep once `newId` is committed. */
  keepIds(newId: number): Set<number>;
  /** Called once the writer has committed or aborted. */
  release(): void;
  /** Called after each commit, before `commit()` resolves. */
  afterCommit(): void;
}

/**
 * Writes one checkpoint into LMDB: chunks are encoded and sealed when put, and written in
 * batches of ~16 MiB, each one transaction; commit writes the header and flips `latest` in a
 * final transaction, and deletes older checkpoints in the same one.
 */
export class LmdbWriter implements CheckpointWriter {
  private meta: unknown = null;
  private sinkPending: unknown = null;
  private readonly chunks = new Map<number, number>();
  private batch: [Key, Buffer][] = [];
  private batchBytes = 0;
  private entries = 0;
  private bytes = 0;
  private done = false;

  constructor(
    private readonly host: WriterHost,
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
    for (let i = 0; i < entries.length; i += CHUNK_ENTRIES) {
      const seq = this.chunks.get(kg) ?? 0;
      this.chunks.set(kg, seq + 1);
      const key = chunkKey(this.id, kg, seq);
      const buf = seal(keyText(key), this.host.encode(entries.slice(i, i + CHUNK_ENTRIES)));
      this.batch.push([key, buf]);
      this.batchBytes += buf.length;
      this.bytes += buf.length;
    }
    this.entries += entries.length;
    if (this.batchBytes >= BATCH_BYTES) await this.writeBatch(() => {});
  }

  async commit(): Promise<CheckpointInfo> {
    this.live();
    this.done = true;
    const { store } = this.host;
    try {
      const header: StoredHeader = {
        id: this.id,
        createdAt: Date.now(),
        planHash: this.planHash,
        meta: this.meta,
        sizes: { groups: this.chunks.size, entries: this.entries, bytes: 0 },
        chunks: [...this.chunks].sort((a, b) => a[0] - b[0]),
      };
      const pending = this.sealed(pendingKey(this.id), this.sinkPending ?? null);
      header.sizes.bytes = this.bytes + pending.length + this.host.encode(this.meta).length;
      const records: [Key, Buffer][] = [
        [pendingKey(this.id), pending],
        [headerKey(this.id), this.sealed(headerKey(this.id), header)],
        [latestKey, this.sealed(latestKey, this.id)],
      ];
      const keep = this.host.keepIds(this.id);
      await this.writeBatch(() => {
        for (const [k, v] of records) store.putSync(k, v);
        dropExcept(store, keep);
      });
      this.host.afterCommit();
      return { id: header.id, createdAt: header.createdAt, planHash: header.planHash, meta: header.meta, sizes: header.sizes };
    } finally {
      this.host.release();
    }
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.batch = [];
    const { store } = this.host;
    try {
      await store.transaction(() => {
        for (const k of [...store.getKeys({ start: ['g', this.id], end: ['g', this.id + 1] })]) store.removeSync(k);
      });
    } finally {
      this.host.release();
    }
  }

  private sealed(key: Key, value: unknown): Buffer {
    return seal(keyText(key), this.host.encode(value));
  }

  /** Writes the buffered chunks and then `more()` in one transaction. */
  private async writeBatch(more: () => void): Promise<void> {
    const { store } = this.host;
    const batch = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    await store.transaction(() => {
      for (const [k, buf] of batch) store.putSync(k, buf);
      more();
    });
  }

  private live(): void {
    if (this.done) throw new StateError(`checkpoint ${this.id} was already committed or aborted`);
  }
}

/** Removes every checkpoint whose id is not in `keep` (older ones and unfinished writes). */
function dropExcept(store: RawStore, keep: Set<number>): void {
  const drop: Key[] = [];
  for (const k of store.getKeys({ start: ['g'], end: ['g', ID_END] })) if (!keep.has(k[1] as number)) drop.push(k);
  for (const k of store.getKeys({ start: ['h'], end: ['h', ID_END] })) if (!keep.has(k[1] as number)) drop.push(k, pendingKey(k[1] as number));
  for (const k of drop) store.removeSync(k);
}
