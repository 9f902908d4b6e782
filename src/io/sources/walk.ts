import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';

/**
 * The regular files under `dir`, as paths relative to it (`a.log`, `sub/b.log`), recursing at
 * most `maxDepth` directory levels (1 = only `dir`'s own entries), sorted. Hidden entries (names
 * starting with `.`) are skipped unless `dot`. Symbolic links to files count as files; links to
 * directories are not followed (no cycles). Subdirectories that cannot be listed are skipped;
 * `dir` itself must be listable.
 */
export async function walkFiles(dir: string, maxDepth = Infinity, dot = false): Promise<string[]> {
  const out: string[] = [];
  const root = dir === '' ? '.' : dir;
  await walk(root, root.endsWith('/') ? root : `${root}/`, '', maxDepth, dot, out, true);
  return out.sort();
}

async function walk(abs: string, absPrefix: string, rel: string, depth: number, dot: boolean, out: string[], top: boolean): Promise<void> {
  if (depth <= 0) return;
  let entries: Dirent[];
  try {
    entries = await readdir(abs, { withFileTypes: true });
  } catch (err) {
    if (top || !isSkippable(err)) throw err;
    return;
  }
  for (const e of entries) {
    if (!dot && e.name.startsWith('.')) continue;
    const r = rel + e.name;
    if (e.isFile()) out.push(r);
    else if (e.isDirectory()) await walk(absPrefix + r, absPrefix, `${r}/`, depth - 1, dot, out, false);
    else if (e.isSymbolicLink() && (await isFileTarget(absPrefix + r))) out.push(r);
  }
}

async function isFileTarget(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

function isSkippable(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM';
}
