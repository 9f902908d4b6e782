import { describe, expect, it } from 'vitest';
import type { EnumeratorEvent, SavedSplit } from '../../../../src/engine/contracts/source.js';
import type { ObjectStore, StoredObject } from '../../../../src/io/sources/s3/object-store.js';
import { OpenObjects } from '../../../../src/io/sources/s3/open-objects.js';
import { RequestsAhead } from '../../../../src/io/sources/s3/requests-ahead.js';
import { S3Enumerator, type S3EnumeratorState } from '../../../../src/io/sources/s3/s3-enumerator.js';
import { parseS3Url } from '../../../../src/io/sources/s3/s3-location.js';
import { s3Split } from '../../../../src/io/sources/s3/s3-split.js';
import { DEFAULT_S3_TIMING } from '../../../../src/io/sources/s3/s3-timing.js';

const BUCKET = 'b';
const objects: StoredObject[] = ['logs/a', 'logs/b', 'logs/c'].map((key) => ({ key, etag: `"${key}"`, size: 1000 }));

/** A store over `objects` whose HEAD of `held` waits until `release()`. */
function storeHolding(held: string): { store: ObjectStore; release: () => void; headAsked: Promise<void> } {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let asked!: () => void;
  const headAsked = new Promise<void>((r) => (asked = r));
  const store: ObjectStore = {
    async list(_bucket, prefix, { startAfter }) {
      return { objects: objects.filter((o) => o.key.startsWith(prefix) && (startAfter === undefined || o.key > startAfter)), next: undefined };
    },
    get() {
      return Promise.reject(new Error('not read here'));
    },
    async head(_bucket, key) {
      if (key === held) {
        asked();
        await released;
      }
      return objects.find((o) => o.key === key) ?? null;
    },
  };
  return { store, release, headAsked };
}

const saved = (key: string, offset: number): SavedSplit => {
  const split = s3Split(BUCKET, objects.find((o) => o.key === key)!);
  return { id: split.id, name: split.name, identity: split.identity, offset, line: 7, ended: false };
};

const enumerator = (store: ObjectStore, splits: SavedSplit[], state: S3EnumeratorState | null): S3Enumerator =>
  new S3Enumerator(store, parseS3Url(`s3://${BUCKET}/logs/`), splits, state, false, DEFAULT_S3_TIMING, new OpenObjects(8), new RequestsAhead());

describe('S3Enumerator restored from a checkpoint', () => {
  it('a checkpoint taken before it has taken every restored object back in still holds the others', async () => {
    // The checkpoint: a and b part-read, listed up to c.
    const { store, release, headAsked } = storeHolding('logs/b');
    const first = enumerator(store, [saved('logs/a', 100), saved('logs/b', 200)], { url: `s3://${BUCKET}/logs/`, cursor: 'logs/c' });
    const events = first.events(new AbortController().signal)[Symbol.asyncIterator]();
    const a = (await events.next()).value as Extract<EnumeratorEvent, { kind: 'add' }>;
    expect(a.split.name).toBe(`s3://${BUCKET}/logs/a`);
    // The job took a in (it is in the job's splits from now on); b is being looked up: a
    // checkpoint now has b only in the enumerator's state (its key is before the cursor).
    const pending = events.next();
    await headAsked;
    const snapshot = first.snapshot();
    expect(snapshot.cursor).toBe('logs/c');
    expect(snapshot.resuming?.map((s) => [s.name, s.offset])).toEqual([[`s3://${BUCKET}/logs/b`, 200]]);

    // Restored from that checkpoint (the job's splits: a, read on to 150), b resumes where it was.
    const again = enumerator(storeHolding('none').store, [saved('logs/a', 150)], snapshot);
    const out: EnumeratorEvent[] = [];
    for await (const ev of again.events(new AbortController().signal)) out.push(ev);
    expect(out.map((e) => (e.kind === 'add' ? [e.split.name, e.resume?.offset] : [e.kind]))).toEqual([
      [`s3://${BUCKET}/logs/a`, 150],
      [`s3://${BUCKET}/logs/b`, 200],
      ['no-more-splits'],
    ]);
    expect(again.snapshot()).toEqual({ url: `s3://${BUCKET}/logs/`, cursor: 'logs/c' });

    // The first run goes on: once the job has taken b in, the state no longer holds it.
    release();
    expect(((await pending).value as Extract<EnumeratorEvent, { kind: 'add' }>).split.name).toBe(`s3://${BUCKET}/logs/b`);
    expect(first.snapshot().resuming).toBeDefined();
    expect((await events.next()).value).toEqual({ kind: 'no-more-splits' });
    expect(first.snapshot()).toEqual({ url: `s3://${BUCKET}/logs/`, cursor: 'logs/c' });
  });
});
