/** The S3 source's timings and limits (tests make them short). */
export interface S3Timing {
  /** `--follow`: how often the prefix is listed again for keys after the last one seen. */
  pollMs: number;
  /** Objects open at once (read or requested ahead): see OpenObjects. */
  openObjects: number;
  /** A body cut off part-way is requested again from where it stopped, up to this many times in a row... */
  maxResumes: number;
  /** ...waiting a random time up to `resumeBaseMs` × 2^(attempt − 1), at most `resumeMaxMs` (full jitter). */
  resumeBaseMs: number;
  resumeMaxMs: number;
}

export const DEFAULT_S3_TIMING: S3Timing = {
  pollMs: 10_000,
  openObjects: 8,
  maxResumes: 8,
  resumeBaseMs: 200,
  resumeMaxMs: 10_000,
};

/** The wait before resume attempt `attempt` (1, 2, ...): exponential backoff with full jitter. */
export function backoffMs(timing: S3Timing, attempt: number): number {
  return Math.random() * Math.min(timing.resumeMaxMs, timing.resumeBaseMs * 2 ** (attempt - 1));
}
