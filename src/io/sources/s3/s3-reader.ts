import type { ReadEvent, ReadOptions, ReadPosition, SourceSplit, SplitReader } from '../../../engine/contracts/source.js';
import { warn } from '../../../common/warn.js';
import { reportErrors } from '../file-split.js';
import { frameSplit } from '../frame-split.js';
import { gunzip, isGzip, skipBytes } from '../gunzip.js';
import { ObjectChangedError, objectBytes } from './object-bytes.js';
import { ObjectStoreError, type ObjectStore } from './object-store.js';
import type { OpenObjects } from './open-objects.js';
import type { RequestsAhead } from './requests-ahead.js';
import type { S3Split } from './s3-split.js';
import type { S3Timing } from './s3-timing.js';

/**
 * Reads an object split: the object's bytes from the position (gzip, known by its magic bytes
 * whatever its name or Content-Encoding says, is decompressed, and a position inside it is
 * reached by reading it again from its start and skipping), resumed after dropped connections
 * (see objectBytes). An object deleted since it was listed, or changed (another etag), gives a
 * warning: what was read of it stands, the rest is skipped. Gives the object's place back when
 * its read ends.
 */
export function s3Reader(store: ObjectStore, timing: S3Timing, open: OpenObjects, ahead: RequestsAhead): SplitReader {
  return {
    async *read(split: SourceSplit, from: ReadPosition | null, options: ReadOptions): AsyncGenerator<ReadEvent> {
      const s = split as S3Split;
      const start = from ?? { offset: 0, line: 1 };
      try {
        const raw = content(store, s, start.offset, timing, options.signal, ahead.take(s.id));
        yield* frameSplit(reportErrors(s.name, skipGone(s, start.offset, raw)), start, false, options);
      } finally {
        open.give();
      }
    },
  };
}

/** The object's (decompressed) content from `offset`. */
async function* content(
  store: ObjectStore,
  split: S3Split,
  offset: number,
  timing: S3Timing,
  signal: AbortSignal,
  first: ReturnType<RequestsAhead['take']>,
): AsyncGenerator<Buffer> {
  const object = split.identity;
  const stored = objectBytes(store, object, 0, timing, signal, offset === 0 ? first : undefined);
  const head = await stored.next();
  if (head.done === true) return;
  if (isGzip(head.value)) {
    yield* skipBytes(gunzip(prepend(head.value, stored)), offset);
    return;
  }
  if (offset === 0) {
    yield* prepend(head.value, stored);
    return;
  }
  // A plain object resumes where it stopped: a Range request, not a read from its start.
  await stored.return(undefined);
  yield* objectBytes(store, object, offset, timing, signal);
}

async function* prepend(head: Buffer, rest: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  yield* rest;
}

/** Ends the bytes with a warning when the object went away or changed. */
async function* skipGone(split: S3Split, offset: number, bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let started = offset > 0;
  try {
    for await (const buf of bytes) {
      started = true;
      yield buf;
    }
  } catch (err) {
    const gone = err instanceof ObjectStoreError && err.failure === 'no-key';
    if (!gone && !(err instanceof ObjectChangedError)) throw err;
    const what = gone ? 'was deleted' : 'changed';
    warn(`${split.name} ${what} ${started ? 'while it was read: the rest of it is skipped' : 'before it was read: skipped'}`);
  }
}
