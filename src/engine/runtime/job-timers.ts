import type { Plan } from '../../plan/types.js';
import type { TimerService } from '../clock/timer-service.js';

/** How often processing time, idleness and due checkpoints are looked at while input is quiet. */
export const TICK_MS = 100;

export interface JobTimerCallbacks {
  /** Re-evaluate the watermark and fire what is complete; checkpoint when due. */
  tick(): void;
  /** `emit every`: emit running results. */
  early(): void;
  flush(): Promise<void>;
  fail(err: Error): void;
}

/**
 * The job's processing-time timers on `timers`: a tick (processing time moves on while input is
 * quiet, so windows fire, idleness is noticed and checkpoints are taken), and `emit every`'s own
 * timer (or, without it, `liveEveryMs`: a live view shows running results). Output is flushed
 * after each. Returns what stops them.
 */
export function startJobTimers(plan: Plan, timers: TimerService, cb: JobTimerCallbacks, liveEveryMs?: number): () => void {
  const flush = (): void => {
    cb.flush().catch((err: Error) => cb.fail(err));
  };
  const run = (fn: () => void) => (): void => {
    try {
      fn();
      flush();
    } catch (err) {
      cb.fail(err as Error);
    }
  };
  const cancels = [
    timers.every(
      TICK_MS,
      run(() => cb.tick()),
    ),
  ];
  const agg = plan.steps.find((s) => s.op === 'aggregate');
  // `emit every`, or else a live view's period: running results of the open windows.
  const everyMs = agg && agg.op === 'aggregate' ? (agg.emitEveryMs ?? liveEveryMs) : undefined;
  if (everyMs !== undefined)
    cancels.push(
      timers.every(
        everyMs,
        run(() => cb.early()),
      ),
    );
  return () => {
    for (const cancel of cancels) cancel();
  };
}
