import { FstreamError } from '../../common/errors.js';

/**
 * A state directory that cannot be used as it is: corrupt, truncated, not fstream's, in use by
 * another process, not writable, or a checkpoint that is missing records. Exit 1. The message
 * names the directory and says what is wrong; a backend never returns a silently wrong result
 * instead.
 */
export class StateError extends FstreamError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'E_STATE', 1, options);
    this.name = 'StateError';
  }
}

/** The help line appended to every corruption message. */
export function startFresh(dir: string): string {
  return `to start fresh, delete it with \`fstream state rm ${dir}\` (the job then re-reads its inputs from the start)`;
}

/** The error for a damaged state directory: what is wrong, and how to start fresh. */
export function corruptState(dir: string, what: string, cause?: unknown): StateError {
  return new StateError(`the state directory ${dir} is corrupt: ${what}; ${startFresh(dir)}`, { cause });
}
