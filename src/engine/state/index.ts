// `openLmdbBackend` is not re-exported: load './lmdb-backend.js' with `await import()` (lmdb is heavy).
export type { CheckpointInfo, CheckpointSizes, CheckpointWriter, StateBackend, StateBackendOptions } from './backend.js';
export { describeCheckpoints, type CheckpointRow } from './describe-checkpoints.js';
export { KEY_GROUPS, groupsOwnedBy, keyGroupOf, ownerOf } from './key-groups.js';
export { MemoryStateBackend, MemoryStateStore } from './memory-backend.js';
export { StateError } from './state-error.js';
