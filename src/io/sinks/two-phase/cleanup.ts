import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** The name of an in-progress file: `.<final name>.inprogress.<run id>.<seq>`. */
export const IN_PROGRESS = /^\..*\.inprogress\.[0-9a-f]{8}\.\d+$/;

export function inProgressName(finalName: string, runId: string, seq: number): string {
  return `.${finalName}.inprogress.${runId}.${seq}`;
}

/**
 * Deletes every in-progress file in `dir` and its subdirectories down to `depth` levels (the
 * levels a template can write to). Returns how many were deleted. A missing `dir` is fine.
 */
export function removeInProgress(dir: string, depth: number): number {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let n = 0;
  for (const e of entries) {
    if (e.isFile() && IN_PROGRESS.test(e.name)) {
      unlinkSync(join(dir, e.name));
      n++;
    } else if (e.isDirectory() && depth > 0) {
      n += removeInProgress(join(dir, e.name), depth - 1);
    }
  }
  return n;
}
