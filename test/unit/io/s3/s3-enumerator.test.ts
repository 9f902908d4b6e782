import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnumeratorEvent, SourceSplit } from '../../../../src/engine/contracts/source.js';
import type { ObjectStore } from '../../../../src/io/sources/s3/object-store.js';
import { createSdkObjectStore } from '../../../../src/io/sources/s3/sdk-object-store.js';
import { createS3Sources } from '../../../../src/io/sources/s3/s3-source.js';
import { parseS3Url } from '../../../../src/io/sources/s3/s3-location.js';
import { S3_CREDENTIALS, startS3Server, type S3Server } from '../../../support/s3.js';

/** The S3 enumerator against s3rver: what it holds open, and what its cursor says. */
let server: S3Server;
let store: ObjectStore;
const BUCKET = 'enumerator';
const KEYS = Array.from({ length: 20 }, (_, i) => `p/${String(i).padStart(3, '0')}.log`);

beforeAll(async () => {
  server = await startS3Server();
  await server.bucket(BUCKET);
  await server.putMany(
    BUCKET,
    KEYS.map((k) => [k, `${k}\n`] as const),
  );
  await server.put(BUCKET, 'p/skip.txt', 'x\n');
  process.env.AWS_ACCESS_KEY_ID = S3_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = S3_CREDENTIALS.secretAccessKey;
  store = await createSdkObjectStore({ endpoint: server.endpoint });
});
afterAll(() => server?.close());

/** Lets pending callbacks and I/O run (a few turns of the event loop; no wall-clock wait). */
const turns = async (n = 20): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('the S3 enumerator', () => {
  it('adds an object only when one of its open places is free: memory does not grow with the objects', async () => {
    const [source] = await createS3Sources([parseS3Url(`s3://${BUCKET}/p/*.log`)], store, [], [null], { follow: false, timing: { openObjects: 3 } });
    const ac = new AbortController();
    const events: EnumeratorEvent[] = [];
    const added: SourceSplit[] = [];
    const it = source!.enumerator.events(ac.signal)[Symbol.asyncIterator]();
    const pull = async (): Promise<void> => {
      const r = await it.next();
      if (r.done !== true) {
        events.push(r.value);
        if (r.value.kind === 'add') added.push(r.value.split);
      }
    };
    for (let i = 0; i < 3; i++) await pull();
    expect(added.map((s) => s.name)).toEqual(KEYS.slice(0, 3).map((k) => `s3://${BUCKET}/${k}`));
    // A fourth waits for a place...
    let fourth = false;
    const next = pull().then(() => (fourth = true));
    await turns();
    expect(fourth).toBe(false);
    // ...which reading an object to its end gives back.
    for await (const _ of source!.reader.read(added[0]!, null, { signal: ac.signal })) {
    }
    await next;
    expect(added.at(-1)!.name).toBe(`s3://${BUCKET}/${KEYS[3]}`);
    ac.abort();
    await it.return?.(undefined);
  });

  it('its cursor moves past an object once the job took it in, and past keys the input does not take', async () => {
    const [source] = await createS3Sources([parseS3Url(`s3://${BUCKET}/p/`)], store, [], [null], { follow: false, timing: { openObjects: 100 } });
    const ac = new AbortController();
    const it = source!.enumerator.events(ac.signal)[Symbol.asyncIterator]();
    expect(source!.enumerator.snapshot()).toEqual({ url: `s3://${BUCKET}/p/`, cursor: null });
    await it.next(); // p/000.log handed on, not yet taken in
    expect(source!.enumerator.snapshot()).toMatchObject({ cursor: null });
    await it.next(); // asking for the next: the first was taken in
    expect(source!.enumerator.snapshot()).toMatchObject({ cursor: KEYS[0] });
    const rest: EnumeratorEvent[] = [];
    for (let r = await it.next(); r.done !== true; r = await it.next()) rest.push(r.value);
    expect(rest.at(-1)!.kind).toBe('no-more-splits');
    expect(source!.enumerator.snapshot()).toMatchObject({ cursor: 'p/skip.txt' });
    ac.abort();
  });

  it('restored with a cursor, lists only the keys after it', async () => {
    const state = { url: `s3://${BUCKET}/p/`, cursor: KEYS[16] };
    const [source] = await createS3Sources([parseS3Url(state.url)], store, [], [state], { follow: false });
    const names: string[] = [];
    for await (const ev of source!.enumerator.events(new AbortController().signal)) if (ev.kind === 'add') names.push(ev.split.name);
    expect(names).toEqual([...KEYS.slice(17), 'p/skip.txt'].map((k) => `s3://${BUCKET}/${k}`));
  });
});
