import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import picomatch from 'picomatch';
import { InputError } from '../../../common/errors.js';
import { expandGlob, hasGlobSyntax, joinPath } from '../glob.js';
import { walkFiles } from '../walk.js';

/** One `--from` entry as followed: how to list what it matches now, and where to watch for changes. */
interface FollowedEntry {
  /** The directory to watch (it may not exist yet). */
  root: string;
  /** How deep below `root` matches can be (1 = its own entries). */
  depth: number;
  list(): Promise<string[]>;
  /** True for an absolute path this entry matches. */
  matches(absPath: string): boolean;
}

/**
 * The file names of the followed `--from` entries, listed again whenever something may have
 * changed: a path (that may not exist yet), a directory (every file below it, also in new
 * subdirectories), or a glob (new matches, in new subdirectories too for `**`). Paths come back
 * as the entries spell them, each once, in the entries' order.
 */
export class FollowInputs {
  private constructor(private readonly entries: FollowedEntry[]) {}

  static async of(from: string[]): Promise<FollowInputs> {
    const entries: FollowedEntry[] = [];
    for (const entry of from) {
      if (entry.startsWith('s3://')) throw new InputError(`cannot follow ${entry}: S3 inputs are not supported here`);
      entries.push(await followedEntry(entry));
    }
    return new FollowInputs(entries);
  }

  /** The paths matched now. */
  async list(): Promise<string[]> {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const e of this.entries) {
      for (const p of await e.list()) {
        const abs = resolve(p);
        if (seen.has(abs)) continue;
        seen.add(abs);
        out.push(p);
      }
    }
    return out;
  }

  /** True when `path` (any spelling) is one an entry matches. */
  matches(path: string): boolean {
    const abs = resolve(path);
    return this.entries.some((e) => e.matches(abs));
  }

  /** Directories to watch, with how deep below each. */
  get roots(): { dir: string; depth: number }[] {
    return this.entries.map((e) => ({ dir: e.root, depth: e.depth }));
  }
}

async function followedEntry(entry: string): Promise<FollowedEntry> {
  const isDir = await stat(entry).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (isDir) {
    const root = resolve(entry);
    return {
      root,
      depth: Number.POSITIVE_INFINITY,
      list: async () => (await walkFiles(entry).catch(() => [] as string[])).map((f) => joinPath(entry, f)),
      matches: (abs) => abs.startsWith(root.endsWith('/') ? root : `${root}/`) && !hidden(abs.slice(root.length + 1)),
    };
  }
  if (hasGlobSyntax(entry)) {
    const scan = picomatch.scan(entry);
    const base = scan.prefix + scan.base;
    const root = resolve(base === '' ? '.' : base);
    const isMatch = picomatch(scan.glob, { dot: false });
    return {
      root,
      depth: scan.glob.includes('**') ? Number.POSITIVE_INFINITY : scan.glob.split('/').length,
      list: () => expandGlob(entry).catch(() => [] as string[]),
      matches: (abs) => abs.startsWith(`${root}/`) && isMatch(abs.slice(root.length + 1)),
    };
  }
  const abs = resolve(entry);
  return {
    root: dirname(abs),
    depth: 1,
    list: async () =>
      (await stat(entry).then(
        (s) => s.isFile(),
        () => false,
      ))
        ? [entry]
        : [],
    matches: (p) => p === abs,
  };
}

function hidden(rel: string): boolean {
  return rel.split('/').some((seg) => seg.startsWith('.'));
}
