import picomatch from 'picomatch';
import { walkFiles } from './walk.js';

const GLOB_CHARS = /[*?[\]{}]/;

/** True when `s` has glob syntax (`*`, `?`, `[...]`, `{a,b}`). */
export function hasGlobSyntax(s: string): boolean {
  return GLOB_CHARS.test(s);
}

/** `dir` and `rel` joined as written (no normalisation, so names stay as the user spelled them). */
export function joinPath(dir: string, rel: string): string {
  if (dir === '' || dir === '.') return rel;
  return dir.endsWith('/') ? dir + rel : `${dir}/${rel}`;
}

/**
 * The regular files matching `pattern`, sorted by path: walks from the pattern's static base
 * directory (`logs` for `logs/**\/*.gz`), only as deep as the pattern can reach, and matches the
 * paths below the base with picomatch (`*` does not match `/` or a leading `.`; `**` spans
 * directories). Paths come back as the pattern spells them (`./logs/a.log` for `./logs/*.log`).
 * A base directory that does not exist matches nothing.
 */
export async function expandGlob(pattern: string): Promise<string[]> {
  const scan = picomatch.scan(pattern);
  const base = scan.prefix + scan.base;
  const rel = scan.glob;
  const isMatch = picomatch(rel, { dot: false });
  const segments = rel.split('/');
  const depth = rel.includes('**') ? Infinity : segments.length;
  let files: string[];
  try {
    files = await walkFiles(
      base,
      depth,
      segments.some((s) => s.startsWith('.')),
    );
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw err;
  }
  const out: string[] = [];
  for (const f of files) if (isMatch(f)) out.push(joinPath(base, f));
  return out;
}
