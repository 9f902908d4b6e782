import { access, constants, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../../common/errors.js';
import { createFileSplit } from './file-split.js';
import { expandGlob, hasGlobSyntax, joinPath } from './glob.js';
import { toInputError } from './input-error.js';
import type { Peeked } from './peek-stream.js';
import type { Split } from './split.js';
import { createStdinSplit } from './stdin-split.js';
import { walkFiles } from './walk.js';

/**
 * The splits of the `--from` entries, in the order given: `-` is stdin; an existing path is that
 * file, or every regular file under that directory (recursively, hidden entries skipped, sorted);
 * otherwise an entry with glob syntax is expanded (see `expandGlob`). A file named by several
 * entries appears once, at its first place. An empty list means stdin.
 *
 * Rejects with `InputError` naming the entry when it is missing, matches nothing, or cannot be
 * read — except, with `allowNoMatch` (for `--follow`, which waits for files to appear), a glob or
 * directory with nothing in it yet is not an error. `s3://` entries are not handled here.
 */
export async function resolveSplits(from: string[], options: { allowNoMatch?: boolean; stdin?: Peeked } = {}): Promise<Split[]> {
  const allowNoMatch = options.allowNoMatch ?? false;
  const entries = from.length === 0 ? ['-'] : from;
  const splits: Split[] = [];
  const seen = new Set<string>();
  let stdin = false;
  for (const entry of entries) {
    if (entry === '-') {
      const peeked = options.stdin;
      if (!stdin) splits.push(peeked ? createStdinSplit(peeked.stream, peeked.ended ? peeked.bytes : undefined) : createStdinSplit());
      stdin = true;
      continue;
    }
    for (const path of await expandEntry(entry, allowNoMatch)) {
      const key = resolve(path);
      if (seen.has(key)) continue;
      seen.add(key);
      const file = await fileKind(path);
      const split = createFileSplit(path, path, !file.regular);
      if (file.size !== undefined) split.size = file.size;
      splits.push(split);
    }
  }
  return splits;
}

/** The file paths one `--from` entry stands for (never empty unless `allowNoMatch`). */
async function expandEntry(entry: string, allowNoMatch: boolean): Promise<string[]> {
  if (entry.startsWith('s3://')) {
    throw new InputError(`cannot read ${entry}: S3 inputs are not supported here`);
  }
  let isDir: boolean;
  try {
    isDir = (await stat(entry)).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if ((code === 'ENOENT' || code === 'ENOTDIR') && hasGlobSyntax(entry)) {
      const matches = await expandGlob(entry).catch((e: unknown) => {
        throw toInputError(entry, e);
      });
      if (matches.length === 0 && !allowNoMatch) throw new InputError(`no input matches ${entry}`);
      return checkReadable(matches);
    }
    throw toInputError(entry, err);
  }
  if (!isDir) return checkReadable([entry]);
  const files = await walkFiles(entry).catch((e: unknown) => {
    throw toInputError(entry, e);
  });
  if (files.length === 0 && !allowNoMatch) throw new InputError(`no input files in directory ${entry}`);
  return checkReadable(files.map((f) => joinPath(entry, f)));
}

/** `regular` is false for a FIFO, `<(cmd)` or a device: read as a live stream; a regular file's size. */
async function fileKind(path: string): Promise<{ regular: boolean; size?: number }> {
  try {
    const st = await stat(path);
    return st.isFile() ? { regular: true, size: st.size } : { regular: false };
  } catch {
    return { regular: true };
  }
}

/** Fails early, before anything runs, on a file that cannot be read. */
async function checkReadable(paths: string[]): Promise<string[]> {
  await Promise.all(
    paths.map((p) =>
      access(p, constants.R_OK).catch((err: unknown) => {
        throw toInputError(p, err);
      }),
    ),
  );
  return paths;
}
