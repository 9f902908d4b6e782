import type { RunningJob } from '../app/run-job.js';
import { checkpointDurations } from '../engine/checkpoint/checkpointer.js';
import { statsReport } from './stats-report.js';

/**
 * Prints the `--stats` JSON of a running job on stderr on SIGUSR1, and every `everyMs` when
 * given (a followed input runs for months: this is how one looks inside). Returns what stops it.
 */
export function statsWhileRunning(job: RunningJob, everyMs: number | undefined): () => void {
  const print = (): void => {
    process.stderr.write(`${JSON.stringify(statsReport(job.progress(), checkpointDurations, performance.now()))}\n`);
  };
  process.on('SIGUSR1', print);
  const timer = everyMs !== undefined ? setInterval(print, everyMs) : undefined;
  timer?.unref();
  return () => {
    process.off('SIGUSR1', print);
    if (timer) clearInterval(timer);
  };
}
