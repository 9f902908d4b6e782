import type { FileHandle } from 'node:fs/promises';
import type { SourceSplit } from '../../../engine/contracts/source.js';
import { FINGERPRINT_BYTES, type FileIdentity } from '../file-identity.js';
import { fingerprintOf } from './file-head.js';
import { Wakeable } from './wakeable.js';

/** Why a followed file's split ended. */
export type FileEnd = 'detached' | 'truncated' | 'bounded';

/**
 * One followed file, shared by the enumerator (which finds it under the inputs' names and says
 * when no name leads to it any more) and the reader (which reads it through the descriptor opened
 * when it was found, so a rename or delete never makes it read another file).
 *
 * Identity: dev + inode + the fingerprint of the first bytes. A file found shorter than
 * FINGERPRINT_BYTES gets a provisional fingerprint over what it had; the reader extends it as the
 * file grows (`extendFingerprint`), so checkpoints store the longest fingerprint known.
 */
export class FollowedFile {
  /** Where the file was last seen (the split's name is where it was first seen). */
  path: string;
  identity: FileIdentity;
  /** The first FINGERPRINT_BYTES bytes of content (decompressed for gzip), as far as known. */
  head: Buffer;
  /** Position after the last chunk read (the reader's, ahead of what the job has handed on). */
  readOffset = 0;
  readLine = 1;
  /** When the enumerator last found no input name leading to the file (null while one does). */
  detachedAt: number | null = null;
  /**
   * Why its bytes stopped (set by the reader that reads them): the split ends, with `end`, once the
   * reader has handed on what it held (a last line without a newline), so that `readOffset` is
   * where the content ended.
   */
  stopped: FileEnd | null = null;
  /** Set when the split has ended, with why. */
  ended: FileEnd | null = null;
  /** The reader has begun (so the job has the split, and its checkpoints its position). */
  reading = false;
  private readonly waiting = new Wakeable();

  constructor(
    /** The id of its split. */
    readonly id: string,
    readonly handle: FileHandle,
    path: string,
    identity: FileIdentity,
    head: Buffer,
    /** gzip files are read once, to their end: they do not grow in place. */
    readonly gzip: boolean,
    /** Told once the split has ended (the enumerator then remembers it as finished). */
    private readonly onEnd: (file: FollowedFile) => void,
  ) {
    this.path = path;
    this.identity = identity;
    this.head = head;
  }

  get key(): string {
    return `${this.identity.dev}:${this.identity.ino}`;
  }

  /** Something may have changed (a notification, a rescan): the reader looks at once. */
  wake(): void {
    this.waiting.wake();
  }

  /** Waits until woken, `ms` passes or `signal` aborts. */
  wait(ms: number, signal: AbortSignal): Promise<void> {
    return this.waiting.wait(ms, signal);
  }

  /** While the fingerprint covers less than FINGERPRINT_BYTES and the file grew: take it over more. */
  async extendFingerprint(size: number): Promise<void> {
    if (this.gzip || this.identity.fingerprintBytes >= FINGERPRINT_BYTES || size <= this.identity.fingerprintBytes) return;
    const buf = Buffer.alloc(Math.min(size, FINGERPRINT_BYTES));
    const { bytesRead } = await this.handle.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    // Only the same bytes extended: a file rewritten from its start is the reader's to notice.
    if (!head.subarray(0, this.identity.fingerprintBytes).equals(this.head.subarray(0, this.identity.fingerprintBytes))) return;
    this.head = head;
    this.identity = { ...this.identity, fingerprint: fingerprintOf(head), fingerprintBytes: head.length, size };
  }

  /** The first bytes on disk still are the ones the identity was taken from. */
  async sameStart(): Promise<boolean> {
    const n = this.identity.fingerprintBytes;
    if (this.gzip || n === 0) return true;
    const buf = Buffer.alloc(n);
    const { bytesRead } = await this.handle.read(buf, 0, n, 0);
    return bytesRead === n && fingerprintOf(buf) === this.identity.fingerprint;
  }

  /** The split has ended: closes the descriptor and tells the enumerator. */
  async end(why: FileEnd): Promise<void> {
    if (this.ended) return;
    this.ended = why;
    await this.handle.close().catch(() => {});
    this.onEnd(this);
  }
}

/** A split of the followed source: one file, read through `file`. */
export interface FollowSplit extends SourceSplit {
  readonly file: FollowedFile;
}

/** The split of a followed file; its identity is the file's latest (the fingerprint grows with it). */
export function followSplit(id: string, name: string, file: FollowedFile): FollowSplit {
  return {
    id,
    name,
    replayable: true,
    forgetWhenEnded: true,
    file,
    get identity() {
      return file.identity;
    },
  };
}
