/**
 * The key layout of the LMDB state environment (ordered-binary array keys):
 *
 * - `['format']` → the layout version
 * - `['latest']` → the id of the newest committed checkpoint
 * - `['h', id]` → the header of a committed checkpoint (`StoredHeader`)
 * - `['p', id]` → its sink pending
 * - `['g', id, keyGroup, seq]` → a chunk of entries (an array), `seq` = 0, 1, … per group
 *
 * A header, its pending and the `latest` pointer are written in one transaction, after every
 * chunk: a checkpoint without a header is an unfinished write and is never read.
 *
 * Every value is msgpack (msgpackr, `moreTypes`) sealed with a CRC-32 of its key and payload
 * (`sealed-value.ts`); the key's part of the checksum is `keyText(key)`.
 */
import type { CheckpointInfo } from './backend.js';

/** The layout version, in the marker file and under `['format']`. 2: values are sealed. */
export const FORMAT = 2;
/** Entries per stored chunk: big enough for msgpack to share record structures, small enough to page. */
export const CHUNK_ENTRIES = 1024;
/** Encoded bytes buffered before a writer commits an intermediate batch. */
export const BATCH_BYTES = 16 << 20;
/** Past every safe-integer id, for range ends. */
export const ID_END = 2 ** 53;

export type Key = (string | number)[];

export const formatKey: Key = ['format'];
export const latestKey: Key = ['latest'];
export const headerKey = (id: number): Key => ['h', id];
export const pendingKey = (id: number): Key => ['p', id];
export const chunkKey = (id: number, kg: number, seq: number): Key => ['g', id, kg, seq];

/** The text of a key that a value's checksum covers. */
export const keyText = (key: Key): string => JSON.stringify(key);

/** A stored header: the info, plus how many chunks each non-empty group has (to detect loss). */
export interface StoredHeader extends CheckpointInfo {
  chunks: [keyGroup: number, count: number][];
}

/** The directory of spilled runs inside a state directory (an LMDB environment of its own, see lmdb-run-store.ts). */
export const RUNS_DIR = 'runs';

/** The name of the marker file that says a directory is an fstream state directory. */
export const MARKER_FILE = 'fstream-state.json';
