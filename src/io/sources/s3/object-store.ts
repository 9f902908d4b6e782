/**
 * What the S3 source needs of an object store, free of any SDK: listing a prefix page by page,
 * reading an object (or a byte range of it) as a stream, and looking one up. The store retries
 * throttling, server errors and failed connections before it answers; what it throws then is an
 * `ObjectStoreError` saying what kind of failure it was.
 */
export interface ObjectStore {
  /** One page (up to 1,000 keys) of the keys under `prefix`, in key order, after `startAfter`. */
  list(bucket: string, prefix: string, options: { startAfter?: string; token?: string; signal: AbortSignal }): Promise<ListPage>;
  /**
   * The object from byte `start` (to `end`, inclusive, when given). The body is read as it
   * arrives (backpressured, never whole in memory); it may fail part-way (a dropped connection).
   */
  get(bucket: string, key: string, range: { start: number; end?: number }, signal: AbortSignal): Promise<ObjectBody>;
  /** The object's etag and size, or null when there is no such key. */
  head(bucket: string, key: string, signal: AbortSignal): Promise<StoredObject | null>;
}

/** An object as a listing shows it. `etag` is as the store gives it (quoted). */
export interface StoredObject {
  key: string;
  etag: string;
  size: number;
}

export interface ListPage {
  objects: StoredObject[];
  /** The token of the next page; undefined on the last one. */
  next: string | undefined;
}

export interface ObjectBody {
  etag: string;
  /** The object's whole size (not the range's). */
  size: number;
  body: AsyncIterable<Buffer>;
  /** Releases the connection when the body is not read to its end. */
  destroy(): void;
}

/**
 * - `no-bucket`, `denied` (access denied, bad or missing credentials, no region): the input
 *   cannot be read at all;
 * - `no-key`: the object is not there (deleted since it was listed);
 * - `range`: the range starts at or past the object's end;
 * - `transient`: a failure that outlived the store's own retries (or a body cut off part-way).
 */
export type StoreFailure = 'no-bucket' | 'denied' | 'no-key' | 'range' | 'transient';

export class ObjectStoreError extends Error {
  constructor(
    message: string,
    readonly failure: StoreFailure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ObjectStoreError';
  }
}
