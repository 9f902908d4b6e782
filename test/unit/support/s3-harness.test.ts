import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client, type S3Server, startS3Server } from '../../support/s3.js';
import { type FaultProxy, faults, match, startFaultProxy } from '../../support/s3-proxy.js';

/** Byte equality without vitest's element-by-element diff (slow on 200 kB). */
function expectBytes(actual: Uint8Array, expected: Buffer): void {
  expect(actual.length).toBe(expected.length);
  expect(Buffer.compare(Buffer.from(actual), expected)).toBe(0);
}

describe('S3 test harness (s3rver in process, fault proxy)', () => {
  let s3: S3Server;
  let proxy: FaultProxy;
  const body = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));

  beforeAll(async () => {
    s3 = await startS3Server();
    proxy = await startFaultProxy(s3.port);
    await s3.bucket('harness');
    await s3.put('harness', 'dir/object.bin', body);
  });

  afterAll(async () => {
    await proxy?.close();
    await s3?.close();
  });

  it('lists more than one page of keys through the SDK paginator (continuation tokens need the legacy provider)', async () => {
    await s3.bucket('many-keys');
    const keys = Array.from({ length: 25 }, (_, i) => `many/key-${String(i).padStart(4, '0')}`);
    await s3.putMany(
      'many-keys',
      keys.map((k) => [k, k] as const),
    );
    const listed: string[] = [];
    let pages = 0;
    // Pages of 10 keys: the same continuation tokens as pages of S3's 1,000 (fstream's listing of
    // more than 1,000 keys is tested in test/e2e/s3/s3-replay.test.ts).
    for await (const page of paginateListObjectsV2({ client: s3.client, pageSize: 10 }, { Bucket: 'many-keys' })) {
      pages++;
      for (const o of page.Contents ?? []) listed.push(o.Key!);
    }
    expect(pages).toBe(3);
    expect(listed).toEqual(keys);
    expect((await s3.get('many-keys', 'many/key-0024')).toString()).toBe('many/key-0024');
  });

  it('answers an open-ended range', async () => {
    const out = await s3.client.send(new GetObjectCommand({ Bucket: 'harness', Key: 'dir/object.bin', Range: 'bytes=3-' }));
    expect(out.ContentRange).toBe(`bytes 3-${body.length - 1}/${body.length}`);
    expectBytes(await out.Body!.transformToByteArray(), body.subarray(3));
  });

  it('removes an object', async () => {
    await s3.put('harness', 'gone', 'x');
    await s3.remove('harness', 'gone');
    await expect(s3.get('harness', 'gone')).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('forwards requests and answers unchanged, with the Host the client sent', async () => {
    const client = createS3Client(proxy.endpoint);
    const key = 'dir/a b+ü.txt';
    try {
      const before = proxy.count();
      await client.send(new PutObjectCommand({ Bucket: 'harness', Key: key, Body: 'through the proxy' }));
      const head = await client.send(new HeadObjectCommand({ Bucket: 'harness', Key: key }));
      expect(head.ContentLength).toBe('through the proxy'.length);
      const out = await client.send(new GetObjectCommand({ Bucket: 'harness', Key: 'dir/object.bin' }));
      expectBytes(await out.Body!.transformToByteArray(), body);
      const listed = await client.send(new ListObjectsV2Command({ Bucket: 'harness', Prefix: 'dir/' }));
      expect(listed.Contents?.map((o) => o.Key)).toEqual([key, 'dir/object.bin']);
      await client.send(new DeleteObjectCommand({ Bucket: 'harness', Key: key }));
      expect(proxy.requests.slice(before).map((r) => [r.kind, r.key, r.headers.host])).toEqual([
        ['PutObject', key, `127.0.0.1:${proxy.port}`],
        ['HeadObject', key, `127.0.0.1:${proxy.port}`],
        ['GetObject', 'dir/object.bin', `127.0.0.1:${proxy.port}`],
        ['ListObjectsV2', undefined, `127.0.0.1:${proxy.port}`],
        ['DeleteObject', key, `127.0.0.1:${proxy.port}`],
      ]);
    } finally {
      client.destroy();
    }
  });

  it('one SlowDown, then the SDK’s retry succeeds', async () => {
    const client = createS3Client(proxy.endpoint);
    try {
      const before = proxy.requests.length;
      const rule = proxy.failNext(1, faults.slowdown(), match.listObjectsV2);
      const out = await client.send(new ListObjectsV2Command({ Bucket: 'harness', Prefix: 'dir/' }));
      expect(out.Contents?.map((o) => o.Key)).toEqual(['dir/object.bin']);
      expect(out.$metadata.attempts).toBe(2);
      expect(rule.hits).toBe(1);
      expect(rule.remaining).toBe(0);
      expect(proxy.requests.slice(before).map((r) => [r.kind, r.fault])).toEqual([
        ['ListObjectsV2', faults.slowdown()],
        ['ListObjectsV2', null],
      ]);
    } finally {
      client.destroy();
    }
  });

  it('a SlowDown answer is S3’s 503 error', async () => {
    const client = createS3Client(proxy.endpoint, { maxAttempts: 1 });
    try {
      proxy.failNext(1, faults.slowdown());
      const err = await client.send(new ListObjectsV2Command({ Bucket: 'harness' })).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ name: 'SlowDown', message: 'Please reduce your request rate.', $metadata: { httpStatusCode: 503 } });
    } finally {
      client.destroy();
    }
  });

  it('a reset connection is retried by the SDK', async () => {
    const client = createS3Client(proxy.endpoint);
    try {
      const before = proxy.count('GetObject');
      proxy.failNext(1, faults.reset(), match.getObject('dir/object.bin'));
      const out = await client.send(new GetObjectCommand({ Bucket: 'harness', Key: 'dir/object.bin', Range: 'bytes=0-9' }));
      expectBytes(await out.Body!.transformToByteArray(), body.subarray(0, 10));
      expect(out.$metadata.attempts).toBe(2);
      expect(proxy.count('GetObject') - before).toBe(2);
    } finally {
      client.destroy();
    }
  });

  it('a connection dropped mid-object: the body stream fails after exactly the bytes passed', async () => {
    const client = createS3Client(proxy.endpoint);
    try {
      proxy.failNext(1, faults.dropAfter(100_000), match.getObject());
      const out = await client.send(new GetObjectCommand({ Bucket: 'harness', Key: 'dir/object.bin' }));
      expect(out.ContentLength).toBe(body.length);
      const received: Buffer[] = [];
      const err = await (async () => {
        for await (const chunk of out.Body as AsyncIterable<Buffer>) received.push(chunk);
      })().then(
        () => null,
        (e: unknown) => e,
      );
      // node:http's error for a response that ended before its Content-Length.
      expect(err).toMatchObject({ code: 'ECONNRESET', message: 'aborted' });
      expectBytes(Buffer.concat(received), body.subarray(0, 100_000));
      // The next GET is forwarded untouched.
      const again = await client.send(new GetObjectCommand({ Bucket: 'harness', Key: 'dir/object.bin' }));
      expectBytes(await again.Body!.transformToByteArray(), body);
    } finally {
      client.destroy();
    }
  });

  it('a stall in the middle of a body delays it and then passes the rest unchanged', async () => {
    const client = createS3Client(proxy.endpoint);
    try {
      proxy.failNext(1, faults.stallAfter(50_000, 300), match.getObject());
      const started = performance.now();
      const out = await client.send(new GetObjectCommand({ Bucket: 'harness', Key: 'dir/object.bin' }));
      expectBytes(await out.Body!.transformToByteArray(), body);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      client.destroy();
    }
  });
});
