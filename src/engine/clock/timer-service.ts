/** Cancels a timer; calling it again does nothing. */
export type CancelTimer = () => void;

/**
 * Processing-time timers (@most/core's Scheduler, in small): the job driver's periodic work —
 * firing processing-time windows and noticing idleness while input is quiet, early results,
 * checkpoints — is scheduled here, so that a virtual clock can drive it in tests.
 */
export interface TimerService {
  /**
   * Calls `fn` every `ms` milliseconds until cancelled. Timers never keep the process alive, and
   * a timer that throws is the caller's failure to report (wrap `fn`).
   */
  every(ms: number, fn: () => void): CancelTimer;
}

/** Timers of the system clock (`setInterval`, unreferenced). */
export const systemTimers: TimerService = {
  every(ms, fn) {
    const handle = setInterval(fn, ms);
    handle.unref();
    return () => clearInterval(handle);
  },
};
