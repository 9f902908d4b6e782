import type { SourceSplit } from '../../engine/contracts/source.js';
import type { FileIdentity } from './file-identity.js';
import type { Split } from './split.js';

/**
 * A split of the local source: stdin, or one file (a FIFO or device is read like stdin). `bytes`
 * opens its content; `identity` is the file's (dev, inode, fingerprint), null for stdin and pipes.
 */
export interface LocalSplit extends SourceSplit {
  readonly identity: FileIdentity | null;
  readonly bytes: Split;
}

/** The split of `bytes` (stdin, a file) with the id its identity gives it, or `id` when resumed. */
export function localSplit(bytes: Split, identity: FileIdentity | null, id?: string): LocalSplit {
  return { id: id ?? idOf(bytes, identity), name: bytes.name, replayable: bytes.replayable && identity !== null, identity, bytes };
}

/** The split id a file's identity gives it (stable across runs while the file is the same). */
export function fileSplitId(identity: FileIdentity): string {
  return `file:${identity.dev}:${identity.ino}:${identity.fingerprint.slice(0, 16)}`;
}

function idOf(bytes: Split, identity: FileIdentity | null): string {
  if (identity !== null) return fileSplitId(identity);
  return bytes.name === '-' ? 'stdin' : `pipe:${bytes.name}`;
}
