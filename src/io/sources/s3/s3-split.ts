import type { SourceSplit } from '../../../engine/contracts/source.js';
import { objectUrl } from './s3-location.js';
import type { StoredObject } from './object-store.js';

/** What finds an object again after a restart, stored in checkpoints: one version of one key. */
export interface S3ObjectIdentity {
  bucket: string;
  key: string;
  etag: string;
  size: number;
}

/**
 * A split of the S3 source: one version of one object (its id holds the key and the etag, so a
 * changed object is another split). Replayable from any byte offset; an object does not grow, so
 * it ends where it ends, and the job forgets it once read: the enumerator's cursor says what was.
 */
export interface S3Split extends SourceSplit {
  readonly identity: S3ObjectIdentity;
  readonly s3: true;
}

export function s3Split(bucket: string, object: StoredObject): S3Split {
  const identity = { bucket, key: object.key, etag: object.etag, size: object.size };
  return { id: s3SplitId(identity), name: objectUrl(bucket, object.key), replayable: true, identity, forgetWhenEnded: true, complete: true, s3: true };
}

export function s3SplitId(identity: S3ObjectIdentity): string {
  return `s3:${identity.bucket}/${identity.key}@${identity.etag.replaceAll('"', '')}`;
}

/** True for a split (or a checkpoint's saved split) of the S3 source. */
export function isS3SplitId(id: string): boolean {
  return id.startsWith('s3:');
}
