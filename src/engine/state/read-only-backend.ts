import type { CheckpointInfo, CheckpointWriter, StateBackend } from './backend.js';
import type { CheckpointRecords } from './checkpoint-records.js';
import { StateError } from './state-error.js';

/** The checkpoints of a state directory as read once (`fstream state ls|show`); `begin` refuses. */
export class ReadOnlyBackend implements StateBackend {
  constructor(private readonly records: CheckpointRecords) {}

  begin(): CheckpointWriter {
    throw new StateError(`the state directory ${this.records.dir} was opened read-only`);
  }

  latest(): CheckpointInfo | null {
    return this.records.latest();
  }

  list(): CheckpointInfo[] {
    return this.records.list();
  }

  async readGroups(id: number, groups: readonly number[]): Promise<Map<number, unknown[]>> {
    return this.records.readGroups(id, groups);
  }

  async readSinkPending(id: number): Promise<unknown> {
    return this.records.readSinkPending(id);
  }

  async close(): Promise<void> {}
}
