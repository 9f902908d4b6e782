import type { Stats } from 'node:fs';
import { watch, type FSWatcher } from 'chokidar';
import type { FollowInputs } from './follow-inputs.js';

/**
 * File-system notifications for the followed inputs (chokidar: inotify on Linux): `changed(path,
 * stats)` for a file written to or replaced under its name (a new inode there is reported as a
 * change, with the new file's stats), `listChanged()` for a file or directory added or removed.
 * Notifications only shorten waits: the source lists its inputs again on a timer too, because a
 * notification can be missed (an overflowed queue, a network file system) or throttled (chokidar
 * reports at most one change per path per 50 ms). Returns what stops watching.
 */
export function watchInputs(inputs: FollowInputs, on: { changed(path: string, stats?: Stats): void; listChanged(): void }): () => Promise<void> {
  const watchers: FSWatcher[] = [];
  for (const { dir, depth } of inputs.roots) {
    const w = watch(dir, {
      ignoreInitial: true,
      ...(Number.isFinite(depth) ? { depth: depth - 1 } : {}),
      // Only files the inputs match are watched one by one (directories are needed to find new ones).
      ignored: (path, stats) => stats?.isFile() === true && !inputs.matches(path),
    });
    w.on('change', (path, stats) => on.changed(path, stats));
    for (const ev of ['add', 'unlink', 'addDir', 'unlinkDir'] as const) w.on(ev, () => on.listChanged());
    // Errors (a watch limit reached, a directory gone) cost latency only: the rescan finds the rest.
    w.on('error', () => {});
    watchers.push(w);
  }
  return async () => {
    await Promise.allSettled(watchers.map((w) => w.close()));
  };
}
