import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll } from 'vitest';
import type { ObjectStore } from '../../src/io/sources/s3/object-store.js';
import { createSdkObjectStore } from '../../src/io/sources/s3/sdk-object-store.js';
import { createS3Sources } from '../../src/io/sources/s3/s3-source.js';
import { parseS3Url } from '../../src/io/sources/s3/s3-location.js';
import { S3_CREDENTIALS, startS3Server, type S3Server } from '../support/s3.js';
import { describeSourceConformance } from './describe-source.js';

/** Objects of a real S3-compatible server (s3rver, in this process), read through the SDK store. */
let server: S3Server;
let store: ObjectStore;
const BUCKET = 'conformance';

beforeAll(async () => {
  server = await startS3Server();
  await server.bucket(BUCKET);
  process.env.AWS_ACCESS_KEY_ID = S3_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = S3_CREDENTIALS.secretAccessKey;
  store = await createSdkObjectStore({ endpoint: server.endpoint });
});
afterAll(() => server?.close());

for (const gzip of [false, true]) {
  const uploaded = new Set<string>();
  describeSourceConformance(gzip ? 'a gzip S3 object' : 'an S3 object', {
    replayable: true,
    async make(content, saved) {
      // One object per content: the same content, the same key and etag (and split id).
      const key = `${gzip ? 'gz' : 'plain'}/${createHash('sha1').update(content).digest('hex')}.log${gzip ? '.gz' : ''}`;
      if (!uploaded.has(key)) {
        await server.put(BUCKET, key, gzip ? gzipSync(content) : content);
        uploaded.add(key);
      }
      const [source] = await createS3Sources([parseS3Url(`s3://${BUCKET}/${key}`)], store, saved ?? [], [null], { follow: false });
      return source!;
    },
  });
}
