import picomatch from 'picomatch';
import { UsageError } from '../../../common/errors.js';
import { hasGlobSyntax } from '../glob.js';

/**
 * One `s3://bucket/prefix` input: the bucket, the key prefix listed (up to the first glob
 * character), and which listed keys it takes. Without glob syntax it takes every key under the
 * prefix, as S3 lists it (`s3://b/logs/2026-11` takes `logs/2026-11-01.log` and
 * `logs/2026-11/a.log`); with it, the keys the glob matches (`*` does not cross `/`, `**` does).
 * Keys ending in `/` (folder markers) are never taken.
 */
export interface S3Location {
  /** As the user wrote it: shown in errors. */
  readonly url: string;
  readonly bucket: string;
  readonly prefix: string;
  takes(key: string): boolean;
}

/** True for an `s3://` input. */
export function isS3Url(entry: string): boolean {
  return entry.startsWith('s3://');
}

/** Parses an `s3://` input; a usage error when it names no bucket. */
export function parseS3Url(url: string): S3Location {
  const rest = url.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const keyPattern = slash < 0 ? '' : rest.slice(slash + 1);
  if (bucket === '' || hasGlobSyntax(bucket)) throw new UsageError(`bad S3 input ${url}: expected s3://BUCKET/PREFIX`);
  if (!hasGlobSyntax(keyPattern)) {
    return { url, bucket, prefix: keyPattern, takes: (key) => key.startsWith(keyPattern) && !key.endsWith('/') };
  }
  const firstGlob = keyPattern.search(/[*?[\]{}]/);
  const isMatch = picomatch(keyPattern, { dot: true });
  return { url, bucket, prefix: keyPattern.slice(0, firstGlob), takes: (key) => !key.endsWith('/') && isMatch(key) };
}

/** The URL of one object, as shown in errors and dead letters. */
export function objectUrl(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
