import { compileQuery } from '../../src/dsl/compile-query.js';
import { VirtualClock } from '../../src/engine/clock/virtual-clock.js';
import { RecordingSink } from '../../src/app/pipeline-test/recording-sink.js';
import { JobDriver, type JobConfig } from '../../src/engine/runtime/job-driver.js';
import type { JobSummary } from '../../src/engine/runtime/job-output.js';
import { LocalExecutor } from '../../src/engine/runtime/local-executor.js';
import { decodingFor } from '../../src/io/formats/decoding.js';
import { memorySource, type MemorySplit } from './memory-source.js';

/** A sink that keeps what it is given, and how much of it was flushed. */
export class MemorySink extends RecordingSink {
  /** How many records had been written at the last `flush`: what a pipe reader has seen. */
  flushed = 0;
  override async flush(): Promise<void> {
    this.flushed = this.records.length;
  }
}

/** Lets the driver's pending work run (reads, submits, flushes): a few turns of the event loop. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

/**
 * A job on the main thread over memory splits, on a virtual clock: the test pushes lines, moves
 * time with `clock.advance`, and reads the sink (and `late`, the `--late` sink).
 */
export function driverHarness(
  query: string,
  splits: MemorySplit[],
  options: { time?: string; lag?: string; idle?: string; start?: number; extra?: Partial<JobConfig> } = {},
) {
  const { plan } = compileQuery(query, {
    ...(options.time ? { time: options.time } : {}),
    ...(options.lag ? { lag: options.lag } : {}),
    ...(options.idle ? { idle: options.idle } : {}),
  });
  const clock = new VirtualClock(options.start ?? Date.UTC(2026, 2, 1, 10, 0, 0));
  const sink = new MemorySink();
  const late = new MemorySink();
  const decoding = decodingFor(plan, { ndjsonOut: false, lateOut: true });
  const driver = new JobDriver({
    plan,
    source: memorySource(splits),
    decoding,
    output: { sink, late },
    executor: ({ layout, output, events, buffers }) => new LocalExecutor(plan, layout, decoding, output, events, buffers),
    parallelism: 1,
    clock,
    timers: clock,
    ...options.extra,
  });
  let summary: JobSummary | undefined;
  const done = driver.run().then((s) => (summary = s));
  return { plan, clock, sink, late, driver, done, summary: () => summary };
}
