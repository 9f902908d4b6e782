import type { Plan } from '../../plan/types.js';

/** How often processing-time windows and idleness are re-checked while input is quiet. */
export const TICK_MS = 100;

export interface TimerCallbacks {
  /** Re-evaluate the watermark and fire what is complete. */
  tick(): void;
  /** `emit every`: emit running results. */
  early(): void;
  flush(): Promise<void>;
  fail(err: Error): void;
}

export interface Timers {
  stop(): void;
}

/**
 * Processing-time timers of a job with an aggregation: processing time moves on while input is
 * quiet, so windows fire and idleness is noticed on a tick; `emit every` has its own timer.
 * Timers never keep the process alive.
 */
export function startTimers(plan: Plan, cb: TimerCallbacks): Timers {
  const flush = (): void => {
    cb.flush().catch((err: Error) => cb.fail(err));
  };
  const handles: NodeJS.Timeout[] = [];
  handles.push(
    setInterval(() => {
      cb.tick();
      flush();
    }, TICK_MS),
  );
  const agg = plan.steps.find((s) => s.op === 'aggregate');
  const everyMs = agg && agg.op === 'aggregate' ? agg.emitEveryMs : undefined;
  if (everyMs !== undefined) {
    handles.push(
      setInterval(() => {
        cb.early();
        flush();
      }, everyMs),
    );
  }
  for (const h of handles) h.unref();
  return { stop: () => handles.forEach((h) => clearInterval(h)) };
}
