import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SavedSplit } from '../../../engine/contracts/source.js';
import type { FileIdentity } from '../file-identity.js';
import { siblings } from '../siblings.js';
import { fingerprintOf, readHead, type FileHead } from './file-head.js';

/** A file found and opened: where, which inode, its first bytes; `copy` when it holds another file's content. */
export interface Located {
  path: string;
  handle: FileHandle;
  dev: number;
  ino: number;
  head: FileHead;
  copy: boolean;
}

/**
 * Where a saved followed file is now, opened: under one of the inputs' current names or another
 * name in its old directory (rotated once or several times while the job was down: `a.log` →
 * `a.log.1` → `a.log.2`), found by its identity (dev + inode + the fingerprint of its first
 * bytes); failing that, a copy of its content (copytruncate's copy, a compressed `a.log.2.gz`)
 * found by the fingerprint. Null when it is gone (deleted, or truncated and rewritten). Files
 * in `taken` (inodes already being read) are passed over.
 */
export async function locateSaved(saved: SavedSplit, candidates: string[], taken: Set<string>): Promise<Located | null> {
  const id = saved.identity as FileIdentity;
  const paths = [...new Set([...candidates, saved.name, ...(await siblings(saved.name))].map((p) => resolve(p)))];
  const shown = new Map(candidates.map((p) => [resolve(p), p]));
  let copy: Located | null = null;
  for (const abs of paths) {
    const found = await look(abs, shown.get(abs) ?? abs, id, taken);
    if (found === null) continue;
    if (!found.copy) {
      await copy?.handle.close();
      return found;
    }
    if (copy === null) copy = found;
    else await found.handle.close();
  }
  return copy;
}

/** The file at `abs` opened when it is the saved file or a copy of it; null (and closed) otherwise. */
async function look(abs: string, shown: string, id: FileIdentity, taken: Set<string>): Promise<Located | null> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(abs, 'r');
    const st = await handle.stat();
    if (!st.isFile() || taken.has(`${st.dev}:${st.ino}`)) return null;
    const head = await readHead(handle);
    const n = id.fingerprintBytes;
    const sameStart = head.bytes.length >= n && fingerprintOf(head.bytes, n) === id.fingerprint;
    const sameInode = st.dev === id.dev && st.ino === id.ino;
    if (!sameStart || (n === 0 && !sameInode)) return null;
    const found: Located = { path: shown, handle, dev: st.dev, ino: st.ino, head, copy: !sameInode || head.gzip };
    handle = undefined;
    return found;
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}
