import type { CheckpointInfo } from './backend.js';
import { checkKeyGroup } from './check-writer.js';
import { ID_END, headerKey, keyText, latestKey, pendingKey, type Key, type StoredHeader } from './lmdb-layout.js';
import { unseal } from './sealed-value.js';
import { StateError, corruptState } from './state-error.js';

/** Ordered access to the stored records (sealed values): LMDB's, or a snapshot read from the file. */
export interface RecordView {
  /** The stored bytes under `key`, if any. */
  get(key: Key): Buffer | undefined;
  /** The records with `start <= key < end`, in key order. */
  range(start: Key, end: Key): Iterable<{ key: Key; value: Buffer }>;
  /** Their keys only. */
  keys(start: Key, end: Key): Iterable<Key>;
}

/**
 * Reads checkpoints from stored records, the same way for every view: each value is checked
 * against its checksum and decoded, and a checkpoint with a missing, damaged or unexpected record
 * is a `StateError` (corrupt), never a wrong result.
 */
export class CheckpointRecords {
  constructor(
    private readonly view: RecordView,
    readonly dir: string,
    private readonly decode: (payload: Buffer) => unknown,
  ) {}

  /** The decoded value under `key`, or undefined when there is none. */
  value(key: Key): unknown {
    const stored = this.view.get(key);
    return stored === undefined ? undefined : this.open(key, stored);
  }

  latest(): CheckpointInfo | null {
    return this.guard(() => {
      const id = this.value(latestKey);
      if (id === undefined) {
        if (this.count(['h'], ['h', ID_END]) > 0) throw corruptState(this.dir, 'the latest-checkpoint pointer is missing');
        return null;
      }
      if (typeof id !== 'number') throw corruptState(this.dir, 'the latest-checkpoint pointer is damaged');
      const h = this.header(id, `the latest checkpoint ${id}`);
      const chunks = h.chunks.reduce((n, [, c]) => n + c, 0);
      if (this.count(['g', id], ['g', id + 1]) !== chunks || this.view.get(pendingKey(id)) === undefined) {
        throw corruptState(this.dir, `records of the latest checkpoint ${id} are missing`);
      }
      return info(h);
    });
  }

  list(): CheckpointInfo[] {
    return this.guard(() => [...this.view.range(['h'], ['h', ID_END])].map(({ key, value }) => info(this.checkHeader(key, this.open(key, value)))));
  }

  readGroups(id: number, groups: readonly number[]): Map<number, unknown[]> {
    return this.guard(() => {
      const counts = new Map(this.header(id, `checkpoint ${id}`).chunks);
      const out = new Map<number, unknown[]>();
      for (const kg of groups) {
        checkKeyGroup(kg);
        const list: unknown[] = [];
        let seq = 0;
        for (const { key, value } of this.view.range(['g', id, kg], ['g', id, kg + 1])) {
          const chunk = this.open(key, value);
          if (key[3] !== seq++ || !Array.isArray(chunk)) throw corruptState(this.dir, `checkpoint ${id} has a damaged record in key group ${kg}`);
          for (const e of chunk) list.push(e);
        }
        if (seq !== (counts.get(kg) ?? 0)) throw corruptState(this.dir, `records of checkpoint ${id} (key group ${kg}) are missing`);
        out.set(kg, list);
      }
      return out;
    });
  }

  readSinkPending(id: number): unknown {
    return this.guard(() => {
      this.header(id, `checkpoint ${id}`);
      const p = this.value(pendingKey(id));
      if (p === undefined) throw corruptState(this.dir, `the sink record of checkpoint ${id} is missing`);
      return p;
    });
  }

  /** Ids of the checkpoints with a header, ascending. */
  headerIds(): number[] {
    return [...this.view.keys(['h'], ['h', ID_END])].map((k) => k[1] as number);
  }

  private count(start: Key, end: Key): number {
    let n = 0;
    for (const _ of this.view.keys(start, end)) n++;
    return n;
  }

  private header(id: number, what: string): StoredHeader {
    const h = this.value(headerKey(id));
    if (h === undefined) {
      const latest = this.value(latestKey);
      if (typeof latest === 'number' && id <= latest && this.count(['g', id], ['g', id + 1]) > 0) {
        throw corruptState(this.dir, `the header of ${what} is missing`);
      }
      if (latest === id) throw corruptState(this.dir, `${what} is missing`);
      throw new StateError(`checkpoint ${id} does not exist in ${this.dir}`);
    }
    return this.checkHeader(headerKey(id), h, what);
  }

  private checkHeader(key: Key, h: unknown, what = `checkpoint ${String(key[1])}`): StoredHeader {
    const s = h as StoredHeader;
    if (
      typeof h !== 'object' ||
      h === null ||
      s.id !== key[1] ||
      !Array.isArray(s.chunks) ||
      typeof s.planHash !== 'string' ||
      typeof s.sizes !== 'object' ||
      s.sizes === null
    ) {
      throw corruptState(this.dir, `the header of ${what} is damaged`);
    }
    return s;
  }

  private open(key: Key, stored: Buffer): unknown {
    const payload = unseal(keyText(key), stored);
    if (payload === null) throw corruptState(this.dir, `the record ${keyText(key)} does not match its checksum`);
    return this.decode(payload);
  }

  /** Turns LMDB and decoding failures (MDB_CORRUPTED, bad msgpack) into a `StateError`. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof StateError) throw err;
      throw corruptState(this.dir, (err as Error).message, err);
    }
  }
}

function info(h: StoredHeader): CheckpointInfo {
  return { id: h.id, createdAt: h.createdAt, planHash: h.planHash, meta: h.meta, sizes: h.sizes };
}
