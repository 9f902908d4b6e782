import type { Readable } from 'node:stream';
import type { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { ObjectStoreError, type ListPage, type ObjectBody, type ObjectStore, type StoreFailure, type StoredObject } from './object-store.js';

/** How to reach the store: an S3-compatible endpoint (path-style addressing), or AWS itself. */
export interface S3Connection {
  /** `--s3-endpoint`, else `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`; absent: AWS. */
  endpoint?: string;
  /** Milliseconds a connection may stay silent before it is dropped and the request retried. */
  socketTimeoutMs?: number;
}

/**
 * An `ObjectStore` on `@aws-sdk/client-s3`, imported only here and only when an S3 input is used
 * (it costs ~150 ms to load). Credentials and region come from the standard AWS chain (a custom
 * endpoint without a region gets `us-east-1`). The SDK retries throttling (503 SlowDown), server
 * errors, resets and timeouts with exponential backoff and jitter before a request fails.
 */
export async function createSdkObjectStore(connection: S3Connection = {}): Promise<ObjectStore> {
  // The SDK warns on stderr, once per process, that later releases will need a newer Node.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const sdk = await import('@aws-sdk/client-s3');
  const endpoint = connection.endpoint ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? (endpoint ? 'us-east-1' : undefined);
  const client: S3Client = new sdk.S3Client({
    ...(endpoint ? { endpoint, forcePathStyle: true } : { followRegionRedirects: true }),
    ...(region ? { region } : {}),
    maxAttempts: 6,
    retryMode: 'standard',
    // Plain objects as stored, on any S3-compatible store: no checksum trailers or validation.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 10_000, socketTimeout: connection.socketTimeoutMs ?? 60_000 },
  });
  return {
    async list(bucket, prefix, { startAfter, token, signal }): Promise<ListPage> {
      const out = await call(signal, () =>
        client.send(
          new sdk.ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix === '' ? undefined : prefix,
            ...(token ? { ContinuationToken: token } : startAfter !== undefined ? { StartAfter: startAfter } : {}),
          }),
          { abortSignal: signal },
        ),
      );
      const objects: StoredObject[] = [];
      for (const o of out.Contents ?? []) if (o.Key !== undefined) objects.push({ key: o.Key, etag: o.ETag ?? '', size: o.Size ?? 0 });
      return { objects, next: out.IsTruncated === true ? out.NextContinuationToken : undefined };
    },
    async get(bucket, key, range, signal): Promise<ObjectBody> {
      const out = await call(signal, () =>
        client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${range.start}-${range.end ?? ''}` }), { abortSignal: signal }),
      );
      const body = out.Body as Readable | undefined;
      const size = totalSize(out.ContentRange, out.ContentLength, range.start);
      return {
        etag: out.ETag ?? '',
        size,
        body: body ?? emptyBody(),
        destroy: () => body?.destroy(),
      };
    },
    async head(bucket, key, signal): Promise<StoredObject | null> {
      try {
        const out = await call(signal, () => client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal }));
        return { key, etag: out.ETag ?? '', size: out.ContentLength ?? 0 };
      } catch (err) {
        if (err instanceof ObjectStoreError && err.failure === 'no-key') return null;
        throw err;
      }
    },
  };
}

/** The object's size from `Content-Range: bytes 10-99/100` (or the length of a whole-object answer). */
function totalSize(contentRange: string | undefined, length: number | undefined, start: number): number {
  const total = contentRange?.split('/')[1];
  if (total !== undefined && total !== '*') return Number(total);
  return start + (length ?? 0);
}

async function* emptyBody(): AsyncGenerator<Buffer> {}

async function call<T>(signal: AbortSignal, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (signal.aborted) throw err;
    throw storeError(err);
  }
}

/** What an SDK error means for the input (see StoreFailure), with a message a user can act on. */
function storeError(err: unknown): ObjectStoreError {
  const e = err as Partial<S3ServiceException> & Error;
  const status = e.$metadata?.httpStatusCode;
  const code = (e as { Code?: string }).Code ?? e.name;
  const said = e.message && e.message !== code && e.message !== 'UnknownError' ? e.message : '';
  // A network failure has no service code: its message says it (getaddrinfo ENOTFOUND host).
  const detail = said === '' ? code : code === 'Error' ? said : `${code}: ${said}`;
  const failure = failureOf(code, status, e.message ?? '');
  const message =
    failure === 'no-bucket'
      ? 'no such bucket'
      : failure === 'no-key'
        ? 'no such key'
        : failure === 'denied'
          ? deniedMessage(code, detail)
          : failure === 'range'
            ? 'range not satisfiable'
            : detail;
  return new ObjectStoreError(message, failure, { cause: err });
}

function failureOf(code: string, status: number | undefined, message: string): StoreFailure {
  if (code === 'NoSuchBucket') return 'no-bucket';
  if (code === 'NoSuchKey' || code === 'NotFound' || (status === 404 && code !== 'NoSuchBucket')) return 'no-key';
  if (code === 'InvalidRange' || status === 416) return 'range';
  if (code === 'CredentialsProviderError' || /region is missing/i.test(message)) return 'denied';
  // Any other refusal (403, 400, 301 to another region...) will not change by retrying.
  if (status !== undefined && status >= 300 && status < 500 && status !== 408 && status !== 429) return 'denied';
  return 'transient';
}

function deniedMessage(code: string, detail: string): string {
  if (code === 'AccessDenied') return 'access denied';
  if (code === 'InvalidAccessKeyId' || code === 'SignatureDoesNotMatch' || code === 'ExpiredToken' || code === 'InvalidToken')
    return `the credentials were refused (${detail})`;
  if (code === 'CredentialsProviderError') return 'no AWS credentials found (set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE)';
  if (/region is missing/i.test(detail)) return 'no AWS region configured (set AWS_REGION)';
  return detail;
}
