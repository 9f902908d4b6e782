/** A processing-time clock in milliseconds. Injected so that idleness can be tested without waiting. */
export type Clock = () => number;

/** Monotonic processing time (not wall-clock time: it never jumps back when the system clock is set). */
export const systemClock: Clock = () => performance.now();
