/**
 * Processing time, injected wherever the engine reads it (the job driver, the checkpointer,
 * watermarks' idleness, readers' stamps), so that time-dependent behaviour runs on a virtual
 * clock in tests: deterministic, with no sleeps.
 */
export interface Clock {
  /** The current time, epoch milliseconds. */
  now(): number;
}

/** The system's clock. */
export const systemClock: Clock = { now: () => Date.now() };
