import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Bytes hashed for the fingerprint. */
export const FINGERPRINT_BYTES = 1024;

/**
 * Who a file is, independent of its name, as stored in checkpoints (SPEC §6: "file identity and
 * byte offset"). A rename (log rotation) keeps `dev`+`ino`; a copytruncate, or a new file that got
 * the old inode number, changes the fingerprint once its first bytes differ.
 */
export interface FileIdentity {
  dev: number;
  ino: number;
  /** Hex SHA-1 of the first `fingerprintBytes` bytes. */
  fingerprint: string;
  /** How many bytes the fingerprint covers: min(size, 1 KiB) when it was taken. */
  fingerprintBytes: number;
  /** The size when the identity was taken. */
  size: number;
}

/** Takes the identity of the file at `path` (one open, one read of ≤ 1 KiB). Rejects like `open`. */
export function fileIdentity(path: string): Promise<FileIdentity> {
  return fileIdentityFor(path, { fingerprintBytes: FINGERPRINT_BYTES });
}

/**
 * True when `now` is the same file as `saved`: same dev+ino, and the first
 * `saved.fingerprintBytes` bytes of `now` hash the same. A file that was shorter than 1 KiB when
 * saved and has grown since is compared on its first `saved.fingerprintBytes` bytes, so pass an
 * identity taken with `fileIdentityFor(path, saved)` when the file may have grown.
 */
export function sameFile(saved: FileIdentity, now: FileIdentity): boolean {
  return saved.dev === now.dev && saved.ino === now.ino && saved.fingerprintBytes === now.fingerprintBytes && saved.fingerprint === now.fingerprint;
}

/**
 * The identity of `path` with its fingerprint taken over the same number of bytes as `saved`'s,
 * so that `sameFile(saved, it)` holds for a file that only grew (appends do not change identity).
 */
export async function fileIdentityFor(path: string, saved: Pick<FileIdentity, 'fingerprintBytes'>): Promise<FileIdentity> {
  const handle = await open(path, 'r');
  try {
    const st = await handle.stat();
    const buf = Buffer.alloc(saved.fingerprintBytes);
    const { bytesRead } = await handle.read(buf, 0, saved.fingerprintBytes, 0);
    return { dev: st.dev, ino: st.ino, fingerprint: sha1(buf.subarray(0, bytesRead)), fingerprintBytes: bytesRead, size: st.size };
  } finally {
    await handle.close();
  }
}

/**
 * The first of `candidates` that is the file `saved` (e.g. `a.log` rotated to `a.log.1`), or null.
 * Paths that vanish or cannot be read are skipped. Checked in the given order, so pass the likely
 * one (the original name) first.
 */
export async function findByIdentity(candidates: readonly string[], saved: FileIdentity): Promise<string | null> {
  for (const path of candidates) {
    try {
      if (sameFile(saved, await fileIdentityFor(path, saved))) return path;
    } catch {
      // gone or unreadable: not it
    }
  }
  return null;
}

function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}
