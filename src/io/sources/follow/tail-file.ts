import { FILE_READ_BYTES } from '../file-split.js';
import type { FollowedFile } from './followed-file.js';
import type { FollowTiming } from './follow-timing.js';

/** How often, at most, a quiet file's first bytes are compared with its identity (a rewrite in place). */
const START_CHECK_MS = 1000;

/**
 * The bytes of a followed file from `position`, as it grows (`tail -F` on one descriptor): reads
 * to the end of the file, then waits for a notification or the next poll (soon after data, backing
 * off to `maxPollMs` while quiet). Ends — setting `file.stopped` to why — when:
 *
 * - the file shrank below the position it had reached, or its first bytes changed (looked at
 *   after every read, and every second while it is quiet): copytruncate, or a
 *   rewrite; this content is over, the enumerator finds the new content as a new split;
 * - no input name leads to it any more (rotated away, deleted) and it has been quiet for
 *   `rotateWaitMs` after its end was reached.
 *
 * A file resumed past its end (a copy holding less than its original had when read) waits there.
 * Returns quietly once `signal` aborts (the caller closes the file then).
 */
export async function* tailFile(file: FollowedFile, position: number, timing: FollowTiming, signal: AbortSignal): AsyncGenerator<Buffer> {
  const buf = Buffer.allocUnsafeSlow(FILE_READ_BYTES);
  let pollMs = timing.minPollMs;
  let lastData = Date.now();
  let lastStartCheck = 0;
  // A copy resumed past its end (its original was read further than it holds) was not truncated.
  let reached = false;
  while (!signal.aborted) {
    const { size } = await file.handle.stat();
    if (size < position && reached) return void (file.stopped = 'truncated');
    if (size >= position) reached = true;
    if (size > position) {
      while (!signal.aborted) {
        const { bytesRead } = await file.handle.read(buf, 0, buf.length, position);
        if (bytesRead === 0) break;
        // Truncated and written past the position between two looks (copytruncate while this
        // reader was stalled, a busy writer): the first bytes tell, checked after the read (one
        // read of at most 1 KiB), so what is handed on was read while they were still this file's.
        if (!(await file.sameStart())) return void (file.stopped = 'truncated');
        position += bytesRead;
        yield buf.subarray(0, bytesRead);
        if (position >= size) break;
      }
      await file.extendFingerprint(position);
      pollMs = timing.minPollMs;
      lastData = Date.now();
      continue;
    }
    const now = Date.now();
    if (now - lastStartCheck >= START_CHECK_MS) {
      lastStartCheck = now;
      if (!(await file.sameStart())) return void (file.stopped = 'truncated');
    }
    if (file.detachedAt !== null && now - Math.max(lastData, file.detachedAt) >= timing.rotateWaitMs) return void (file.stopped = 'detached');
    await file.wait(pollMs, signal);
    pollMs = Math.min(pollMs * 2, timing.maxPollMs);
  }
}
