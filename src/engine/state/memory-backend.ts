import { deserialize, serialize } from 'node:v8';
import type { CheckpointInfo, CheckpointWriter, StateBackend, StateBackendOptions } from './backend.js';
import { checkBeginId, checkKeyGroup } from './check-writer.js';
import { StateError } from './state-error.js';

interface StoredCheckpoint {
  info: CheckpointInfo;
  /** Per key group, the serialized batches in write order. */
  groups: Map<number, Buffer[]>;
  sinkPending: Buffer;
}

/** The committed checkpoints of a memory backend; share one between instances to model a restart. */
export class MemoryStateStore {
  readonly checkpoints = new Map<number, StoredCheckpoint>();
}

/**
 * Checkpoints in memory (without `--state`, and in tests). Entries are serialized (v8 structured
 * clone) when put, so later mutation by operators cannot change a snapshot, and sizes are real.
 */
export class MemoryStateBackend implements StateBackend {
  private writing = false;
  private closed = false;
  private readonly retain: number;

  constructor(
    opts: StateBackendOptions = {},
    readonly store: MemoryStateStore = new MemoryStateStore(),
  ) {
    this.retain = Math.max(1, opts.retain ?? 1);
  }

  begin(id: number, planHash: string): CheckpointWriter {
    this.checkOpen();
    if (this.writing) throw new StateError('another checkpoint is being written');
    checkBeginId(id, this.latest()?.id ?? null);
    this.writing = true;
    const groups = new Map<number, Buffer[]>();
    let meta: unknown = null;
    let sinkPending: unknown = null;
    let entries = 0;
    let bytes = 0;
    let done = false;
    const live = (): void => {
      if (done) throw new StateError(`checkpoint ${id} was already committed or aborted`);
    };
    return {
      id,
      putMeta: (m) => {
        live();
        meta = structuredClone(m);
      },
      putGroupEntries: async (kg, list) => {
        live();
        checkKeyGroup(kg);
        if (list.length === 0) return;
        const buf = serialize(list);
        bytes += buf.length;
        entries += list.length;
        let batches = groups.get(kg);
        if (batches === undefined) groups.set(kg, (batches = []));
        batches.push(buf);
      },
      putSinkPending: (p) => {
        live();
        sinkPending = p;
      },
      commit: async () => {
        live();
        done = true;
        this.writing = false;
        const pending = serialize(sinkPending);
        const metaBytes = serialize(meta).length;
        const info: CheckpointInfo = {
          id,
          createdAt: Date.now(),
          planHash,
          meta,
          sizes: { groups: groups.size, entries, bytes: bytes + pending.length + metaBytes },
        };
        this.store.checkpoints.set(id, { info, groups, sinkPending: pending });
        const ids = [...this.store.checkpoints.keys()].sort((a, b) => a - b);
        for (const old of ids.slice(0, Math.max(0, ids.length - this.retain))) this.store.checkpoints.delete(old);
        return structuredClone(info);
      },
      abort: async () => {
        if (done) return;
        done = true;
        this.writing = false;
      },
    };
  }

  latest(): CheckpointInfo | null {
    this.checkOpen();
    const list = this.list();
    return list[list.length - 1] ?? null;
  }

  list(): CheckpointInfo[] {
    this.checkOpen();
    return [...this.store.checkpoints.values()].map((c) => structuredClone(c.info)).sort((a, b) => a.id - b.id);
  }

  async readGroups(id: number, groups: readonly number[]): Promise<Map<number, unknown[]>> {
    const cp = this.get(id);
    const out = new Map<number, unknown[]>();
    for (const kg of groups) {
      checkKeyGroup(kg);
      const list: unknown[] = [];
      for (const buf of cp.groups.get(kg) ?? []) for (const e of deserialize(buf) as unknown[]) list.push(e);
      out.set(kg, list);
    }
    return out;
  }

  async readSinkPending(id: number): Promise<unknown> {
    return deserialize(this.get(id).sinkPending);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private get(id: number): StoredCheckpoint {
    this.checkOpen();
    const cp = this.store.checkpoints.get(id);
    if (cp === undefined) throw new StateError(`checkpoint ${id} does not exist`);
    return cp;
  }

  private checkOpen(): void {
    if (this.closed) throw new StateError('the state backend is closed');
  }
}
