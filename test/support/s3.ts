/**
 * A real S3-compatible server for tests: s3rver, started inside the test process on 127.0.0.1 and a free port,
 * talked to over HTTP with the real AWS SDK client. Nothing here mocks a client.
 *
 * What s3rver is not (so what a test against it cannot prove):
 * - it does not verify SigV4 signatures (it checks the header's shape, the access key id and the clock skew only);
 * - it ignores If-Match, and answers suffix ranges (`bytes=-N`) wrongly (`bytes=N-` and `bytes=N-M` are right);
 * - its ListObjectsV2 continuation tokens are DES-encrypted, which OpenSSL 3 only has with the legacy provider:
 *   listings longer than one page need `--openssl-legacy-provider` in the process (vitest.config.ts passes it to
 *   the test workers; `startS3Server` refuses to start without it rather than fail on the first truncated listing);
 * - it writes an object where it lists it from, so a listing during a PUT would show the object empty or
 *   part-written, which S3 never does (a PUT is atomic): `startS3Server` makes its store write a new object's
 *   files aside and rename them into place, the content last (an overwrite may still show the new content with
 *   the old etag for a moment between two renames).
 */
import { createCipheriv, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import S3rver, { type S3rverStore } from 's3rver';

// The SDK warns (several lines on stderr) about Node 20 when a client is constructed, unless this is set.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** s3rver's built-in account. */
export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const S3_REGION = 'us-east-1';

/**
 * An SDK client for an s3rver (or a proxy in front of one) at `endpoint`: path-style addressing, s3rver's account,
 * and checksums only where S3 requires them (s3rver does not understand the SDK's default trailing checksums).
 * `config` overrides any of these (e.g. `maxAttempts`, `requestHandler` timeouts).
 */
export function createS3Client(endpoint: string, config: S3ClientConfig = {}): S3Client {
  return new S3Client({
    endpoint,
    forcePathStyle: true,
    region: S3_REGION,
    credentials: S3_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...config,
  });
}

export interface S3Server {
  /** `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly port: number;
  /** The temporary directory the objects are kept in (removed by `close`). */
  readonly directory: string;
  /** A client for `endpoint` from `createS3Client`; destroyed by `close`. */
  readonly client: S3Client;
  /** Creates the bucket (3 to 63 characters, S3's rules) and resolves to its name once it exists. */
  bucket(name: string): Promise<string>;
  /** Puts one object; resolves once the server has stored it. */
  put(bucket: string, key: string, body: string | Buffer): Promise<void>;
  /** Puts every entry, `concurrency` (default 32) at a time; resolves once all are stored, rejects on the first failure. */
  putMany(bucket: string, entries: Iterable<readonly [key: string, body: string | Buffer]>, concurrency?: number): Promise<void>;
  /** The whole object's bytes. */
  get(bucket: string, key: string): Promise<Buffer>;
  /** Deletes the object (no error if it does not exist, as in S3). */
  remove(bucket: string, key: string): Promise<void>;
  /** Destroys `client`, drops open connections, stops the server and removes `directory`. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts s3rver on 127.0.0.1 and a free port, over a new empty directory under os.tmpdir(). No bucket exists
 * until `bucket()` makes one. Each call is a separate server with its own directory, so test files may run
 * at the same time.
 */
export async function startS3Server(): Promise<S3Server> {
  assertLegacyCiphers();
  const directory = await mkdtemp(path.join(os.tmpdir(), 'fstream-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, resetOnClose: true });
  atomicPuts(server.store, directory);
  let port: number;
  try {
    ({ port } = await server.run());
  } catch (err) {
    await rm(directory, { recursive: true, force: true });
    throw err;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createS3Client(endpoint);
  let closing: Promise<void> | undefined;

  const put = async (bucket: string, key: string, body: string | Buffer): Promise<void> => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  };

  return {
    endpoint,
    port,
    directory,
    client,
    async bucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
      return name;
    },
    put,
    async putMany(bucket, entries, concurrency = 32) {
      const iterator = entries[Symbol.iterator]();
      let failed = false;
      const worker = async (): Promise<void> => {
        // One shared iterator: each worker takes the next entry when its previous put is done.
        for (let next = iterator.next(); !next.done && !failed; next = iterator.next()) {
          const [key, body] = next.value;
          try {
            await put(bucket, key, body);
          } catch (err) {
            failed = true;
            throw err;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    },
    async get(bucket, key) {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await out.Body!.transformToByteArray());
    },
    async remove(bucket, key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    close() {
      closing ??= (async () => {
        client.destroy();
        // Keep-alive connections (the SDK's, or anyone's) would hold close() open until they time out.
        server.httpServer?.closeAllConnections();
        try {
          await server.close();
        } finally {
          await rm(directory, { recursive: true, force: true });
        }
      })();
      return closing;
    },
  };
}

/**
 * Makes s3rver's PUTs atomic to listings, as S3's are: the object's files are written under a directory of their
 * own beside the buckets (not a bucket: never listed), then renamed into place, the content file last (a listing
 * finds an object by that file).
 */
function atomicPuts(store: S3rverStore, directory: string): void {
  const putObject = store.putObject.bind(store);
  store.putObject = async (object) => {
    const aside = `.put-${randomUUID()}`;
    try {
      const result = await putObject({ ...object, bucket: aside });
      for (const resource of ['object.md5', 'metadata.json', 'object']) {
        const to = store.getResourcePath(object.bucket, object.key, resource);
        await mkdir(path.dirname(to), { recursive: true });
        await rename(store.getResourcePath(aside, object.key, resource), to);
      }
      return result;
    } finally {
      await rm(path.join(directory, aside), { recursive: true, force: true });
    }
  };
}

/** s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider. */
function assertLegacyCiphers(): void {
  try {
    createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
  } catch {
    throw new Error(
      's3rver needs DES for ListObjectsV2 continuation tokens: run this process with --openssl-legacy-provider ' +
        '(vitest.config.ts passes it to the test workers through test.execArgv)',
    );
  }
}
