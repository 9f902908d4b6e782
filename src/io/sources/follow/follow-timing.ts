/**
 * The waits of a followed source, in milliseconds. Defaults suit logs; tests make them short.
 */
export interface FollowTiming {
  /** A file quiet this long after its last read is polled at most this often (it is woken at once by a change event). */
  maxPollMs: number;
  /** After data, the next look comes this soon, doubling while nothing new arrives (up to `maxPollMs`). */
  minPollMs: number;
  /** Every match of the inputs is listed again this often, so a missed notification costs latency, never data. */
  rescanMs: number;
  /**
   * A file no longer under any of the inputs' names (renamed away or deleted) is read to its end
   * and closed once it has been quiet this long: a writer may keep writing to the old descriptor
   * for a while after a rotation.
   */
  rotateWaitMs: number;
  /**
   * A new file holding the start of one being read (a copy in progress) is held this long at most
   * before it is judged; a copy of a file being read is read on once that file's split has ended.
   */
  copyWaitMs: number;
  /** What the source remembers of a finished file (to know its compressed copy) is kept this long after the file is gone. */
  forgetAfterMs: number;
  /** Watch with file-system notifications (chokidar); without, polling alone. */
  watch: boolean;
}

export const DEFAULT_FOLLOW_TIMING: FollowTiming = {
  maxPollMs: 1000,
  minPollMs: 5,
  rescanMs: 2000,
  rotateWaitMs: 5000,
  copyWaitMs: 2000,
  forgetAfterMs: 60_000,
  watch: true,
};
