import type { Rec } from '../../common/record.js';
import type { Plan } from '../../plan/types.js';
import { VirtualClock } from '../../engine/clock/virtual-clock.js';
import type { DeadLetter, DeadLetterSink } from '../../engine/contracts/dead-letter.js';
import { JobDriver } from '../../engine/runtime/job-driver.js';
import { LocalExecutor } from '../../engine/runtime/local-executor.js';
import { decodingFor } from '../../io/formats/decoding.js';
import { MemorySplit, memorySource } from '../../io/sources/memory-split.js';
import { RecordingSink } from './recording-sink.js';
import type { TestCase } from './test-file.js';

/** What a case produced: the output at each `expect` step and at the end, late events, bad records. */
export interface CaseRun {
  /** Per `expect` step (by its index in `steps`): the records output since the previous one. */
  atSteps: Map<number, Rec[]>;
  /** Output after the last step, once the input has ended. */
  atEnd: Rec[];
  late: Rec[];
  deadLetters: DeadLetter[];
}

/**
 * Runs one case on a simulated clock, on the main thread: its input lines go in as the steps say,
 * `advance_clock` moves processing time (timers, `emit every`, idleness, processing-time windows),
 * `advance_watermark` moves event time; each step is finished (its input read, released and what
 * it fired written) before the next. Deterministic: nothing depends on the machine's clock.
 */
export async function runCase(plan: Plan, c: TestCase, clockStart: number): Promise<CaseRun> {
  const clock = new VirtualClock(clockStart);
  const sink = new RecordingSink();
  const late = new RecordingSink();
  const deadLetters: DeadLetter[] = [];
  const deadSink: DeadLetterSink = { write: (d) => void deadLetters.push(d), flush: async () => {}, close: async () => {} };
  const split = new MemorySplit('input');
  const decoding = decodingFor(plan, { ndjsonOut: false, lateOut: true });
  const driver = new JobDriver({
    plan,
    source: memorySource([split]),
    decoding,
    output: { sink, late, deadLetters: deadSink },
    executor: ({ layout, output, events, buffers }) => new LocalExecutor(plan, layout, decoding, output, events, buffers),
    parallelism: 1,
    clock,
    timers: clock,
  });
  let pushed = 0;
  const done = driver.run();
  let failure: unknown;
  let finished = false;
  done.then(
    () => (finished = true),
    (err: unknown) => {
      failure = err;
      finished = true;
    },
  );
  const atSteps = new Map<number, Rec[]>();
  let seen = 0;
  for (const [i, step] of c.steps.entries()) {
    if (step.kind === 'input') {
      if (step.lines.length > 0) split.push(...step.lines);
      pushed += step.lines.length;
      // A `limit` may end the job before all of it is read.
      await until(() => finished || released(driver) >= pushed);
    } else if (step.kind === 'advance_clock') {
      clock.advance(step.ms);
    } else if (step.kind === 'advance_watermark') {
      driver.advanceWatermark(step.at);
    } else {
      await turns();
      atSteps.set(i, sink.records.slice(seen));
      seen = sink.records.length;
    }
    await turns();
    if (failure !== undefined) throw failure;
  }
  split.end();
  await done;
  return { atSteps, atEnd: sink.records.slice(seen), late: late.lines.map((l) => JSON.parse(l) as Rec), deadLetters };
}

/** Lines handed on through the executor so far. */
function released(driver: JobDriver): number {
  return driver.progress().inputs.reduce((n, i) => n + i.lines, 0);
}

/** A few turns of the event loop: what a step started (reads, flushes) runs to its end. */
async function turns(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setImmediate(r));
}
