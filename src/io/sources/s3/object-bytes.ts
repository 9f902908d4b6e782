import { setTimeout as sleep } from 'node:timers/promises';
import { ObjectStoreError, type ObjectBody, type ObjectStore } from './object-store.js';
import type { S3ObjectIdentity } from './s3-split.js';
import { backoffMs, type S3Timing } from './s3-timing.js';

/** The object is no longer the version that was listed (its etag changed). */
export class ObjectChangedError extends Error {}

/**
 * The stored bytes of one object version from byte `start` to its end, as they arrive. A body cut
 * off part-way (a dropped connection, a reset, a stalled socket) or a request that failed after the
 * store's own retries is requested again from the byte reached (a Range request), after a backoff
 * with jitter, up to `maxResumes` times in a row without progress. Every answer is checked against
 * the listed etag: another version throws `ObjectChangedError`; a deleted object throws the store's
 * `no-key` error. `first`: the answer to a request made ahead (for `start`).
 */
export async function* objectBytes(
  store: ObjectStore,
  object: S3ObjectIdentity,
  start: number,
  timing: S3Timing,
  signal: AbortSignal,
  first?: Promise<ObjectBody>,
): AsyncGenerator<Buffer> {
  let offset = start;
  let failures = 0;
  let ahead = first;
  while (!signal.aborted) {
    if (offset >= object.size) return;
    let answer: ObjectBody | null = null;
    try {
      answer = await (ahead ?? store.get(object.bucket, object.key, { start: offset }, signal));
      ahead = undefined;
      if (answer.etag !== object.etag) throw new ObjectChangedError(`etag ${answer.etag}, listed as ${object.etag}`);
      for await (const buf of answer.body) {
        offset += buf.length;
        failures = 0;
        yield buf;
      }
      // A connection closed early without an error is a body cut off too.
      if (offset >= object.size || signal.aborted) return;
      throw new ObjectStoreError(`the body ended at byte ${offset} of ${object.size}`, 'transient');
    } catch (err) {
      ahead = undefined;
      if (signal.aborted) return;
      if (err instanceof ObjectChangedError) throw err;
      if (err instanceof ObjectStoreError && err.failure === 'range') return;
      if (err instanceof ObjectStoreError && err.failure !== 'transient') throw err;
      if (++failures > timing.maxResumes) throw err;
      await sleep(backoffMs(timing, failures), undefined, { signal }).catch(() => {});
    } finally {
      answer?.destroy();
    }
  }
}
