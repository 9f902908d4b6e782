import { createLogUpdate } from 'log-update';
import type { RunningJob } from '../app/run-job.js';
import { progressLine, type ProgressSample } from './progress-line.js';

/** How often the line is redrawn. */
const EVERY_MS = 100;

/**
 * The progress line on stderr (`--progress`, or by default when stderr is a terminal), redrawn
 * in place by log-update (its terminal handling: erasing, wrapping, the cursor) ~10 times a
 * second; stdout is never touched. Returns what ends it: the last line (totals and averages)
 * stays on the screen. This module is imported only when progress is shown.
 */
export function startProgress(job: RunningJob): () => void {
  const update = createLogUpdate(process.stderr, { showCursor: true });
  const started = performance.now();
  const sample = (): ProgressSample => {
    const p = job.progress();
    let bytes = 0;
    for (const i of p.inputs) bytes += i.bytes;
    return { elapsedMs: performance.now() - started, bytes, records: p.records, bad: p.badRecords, late: p.lateRecords };
  };
  let previous: ProgressSample | null = null;
  const timer = setInterval(() => {
    const now = sample();
    update(progressLine(now, previous, job.totalBytes, false, job.follows));
    previous = now;
  }, EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    update(progressLine(sample(), previous, job.totalBytes, true, job.follows));
    update.done();
  };
}
