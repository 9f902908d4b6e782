import type { Split } from './split.js';
import { autoGunzip } from './gunzip.js';
import { reportErrors } from './file-split.js';
import { untilAborted } from './until-aborted.js';

/** The split for `-`: standard input (gzip detected by its magic bytes). */
export interface StdinSplit extends Split {
  kind: 'stdin';
}

/**
 * Standard input as a split. It cannot be replayed: `fromOffset` is ignored (a restart on stdin
 * resumes the state, not the input), and it can be opened once.
 */
export function createStdinSplit(stream: AsyncIterable<Buffer> = process.stdin, size?: number): StdinSplit {
  return {
    kind: 'stdin',
    name: '-',
    replayable: false,
    ...(size !== undefined ? { size } : {}),
    async open(_fromOffset?: number, signal?: AbortSignal) {
      return reportErrors('-', autoGunzip(untilAborted(stream, signal)));
    },
  };
}
