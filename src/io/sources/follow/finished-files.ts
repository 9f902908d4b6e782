import { stat } from 'node:fs/promises';
import type { FileEnd } from './followed-file.js';

/**
 * What the followed source remembers of a file it has finished reading: enough to know the file
 * again (its inode, or a copy of it — `a.log.1` compressed to `a.log.1.gz` — by the fingerprint
 * of its first bytes) and where its content ended, so a copy is read on from there instead of
 * again. JSON-able: it is the enumerator's checkpointed state.
 */
export interface FinishedFile {
  id: string;
  path: string;
  dev: number;
  ino: number;
  /** Hex SHA-1 of the first `fingerprintBytes` bytes of content (decompressed for gzip). */
  fingerprint: string;
  fingerprintBytes: number;
  gzip: boolean;
  end: FileEnd;
  /** Where its content ended: a copy resumes here. */
  offset: number;
  line: number;
  /** When the file was last seen under `path` (epoch ms). */
  seenAt: number;
}

/**
 * The finished files, forgotten once gone for `forgetAfterMs` (so the state of a job that follows
 * rotating logs for months stays small, but a compressed copy made just after a file was deleted
 * is still known).
 */
export class FinishedFiles {
  private readonly files: FinishedFile[];

  constructor(
    saved: unknown,
    private readonly forgetAfterMs: number,
  ) {
    this.files = Array.isArray((saved as { finished?: unknown } | null)?.finished) ? [...(saved as { finished: FinishedFile[] }).finished] : [];
  }

  add(file: FinishedFile): void {
    this.files.push(file);
  }

  [Symbol.iterator](): IterableIterator<FinishedFile> {
    return this.files.values();
  }

  /**
   * Looks whether each file is still where it was; forgets those gone for long enough. A file
   * truncated (copytruncate) is gone however long its inode stays: its content is.
   */
  async prune(now: number): Promise<void> {
    for (const f of this.files) {
      if (f.end === 'truncated') continue;
      const st = await stat(f.path).catch(() => null);
      if (st !== null && st.dev === f.dev && st.ino === f.ino) f.seenAt = now;
    }
    for (let i = this.files.length - 1; i >= 0; i--) if (now - this.files[i]!.seenAt >= this.forgetAfterMs) this.files.splice(i, 1);
  }

  snapshot(): FinishedFile[] {
    return this.files.map((f) => ({ ...f }));
  }
}
