import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';
import { FINGERPRINT_BYTES } from '../file-identity.js';
import { isGzip } from '../gunzip.js';

/** The first bytes of a file's content: decompressed for gzip (so a compressed copy is known by its text). */
export interface FileHead {
  gzip: boolean;
  /** Up to FINGERPRINT_BYTES bytes of content. */
  bytes: Buffer;
}

/** Reads the head of an open file: its first bytes, or the first decompressed bytes of a gzip file. */
export async function readHead(handle: FileHandle): Promise<FileHead> {
  const raw = Buffer.alloc(FINGERPRINT_BYTES);
  const { bytesRead } = await handle.read(raw, 0, raw.length, 0);
  const head = raw.subarray(0, bytesRead);
  if (!isGzip(head)) return { gzip: false, bytes: head };
  return { gzip: true, bytes: await gunzipHead(handle) };
}

/** Compressed bytes read to find the first FINGERPRINT_BYTES of text: plenty for any gzip header and a first block. */
const GZIP_HEAD_READ = 16 * 1024;

/** The first FINGERPRINT_BYTES decompressed bytes (fewer for a short or damaged file). */
async function gunzipHead(handle: FileHandle): Promise<Buffer> {
  const raw = Buffer.alloc(GZIP_HEAD_READ);
  const { bytesRead } = await handle.read(raw, 0, raw.length, 0);
  try {
    // A sync flush decompresses what a cut-off stream holds instead of failing on its end.
    return gunzipSync(raw.subarray(0, bytesRead), { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, FINGERPRINT_BYTES);
  } catch {
    return Buffer.alloc(0);
  }
}

/** Hex SHA-1 of the first `n` bytes of `bytes` (the fingerprint of a file identity). */
export function fingerprintOf(bytes: Buffer, n = bytes.length): string {
  return createHash('sha1').update(bytes.subarray(0, n)).digest('hex');
}
