import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The entries of the directory of `name` (where rotation moves a file: `a.log` → `a.log.1`), as
 * paths joined to that directory as `name` spells it; none when it cannot be listed.
 */
export async function siblings(name: string): Promise<string[]> {
  const dir = dirname(name);
  try {
    return (await readdir(dir)).map((n) => join(dir, n));
  } catch {
    return [];
  }
}
