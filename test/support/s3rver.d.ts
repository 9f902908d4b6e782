// The part of s3rver 3.7.1 (which ships no types) that test/support/s3.ts uses.
declare module 's3rver' {
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';

  export interface S3rverOptions {
    address?: string;
    /** 0 picks a free port. */
    port?: number;
    silent?: boolean;
    /** Where buckets and objects are kept, as plain files. */
    directory?: string;
    /** Empties `directory` when the HTTP server closes. */
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    serviceEndpoint?: string;
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    /** Set once `run()` has resolved. */
    httpServer?: Server;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    reset(): void;
    /** Its filesystem store (lib/stores/filesystem.js): test/support/s3.ts makes its puts atomic. */
    store: S3rverStore;
  }

  export interface S3rverStore {
    /** Writes the object's content and metadata files; `content` is a Buffer or a stream. */
    putObject(object: { bucket: string; key: string; [field: string]: unknown }): Promise<unknown>;
    /** Where a key's `resource` (`object`, `object.md5`, `metadata.json`) is kept. */
    getResourcePath(bucket: string, key: string, resource: string): string;
  }
}
