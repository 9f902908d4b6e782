import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Compiled } from '../dsl/compile.js';
import type { Sink } from '../engine/contracts/sink.js';
import type { Executor } from '../engine/runtime/executor.js';
import { JobDriver, type JobConfig } from '../engine/runtime/job-driver.js';
import type { JobSummary } from '../engine/runtime/job-output.js';
import { LocalExecutor } from '../engine/runtime/local-executor.js';
import { layoutOf } from '../engine/pipeline/pipeline-layout.js';
import { SMALL_INPUT_BYTES, defaultForInput, effectiveParallelism } from '../engine/runtime/parallelism.js';
import type { StateBackend } from '../engine/state/backend.js';
import { MARKER_FILE } from '../engine/state/lmdb-layout.js';
import { decodingFor } from '../io/formats/decoding.js';
import { createDeadLetterWriter } from '../io/sinks/dead-letter.js';
import { createFileSink, createOutputFileSink } from '../io/sinks/file-sink.js';
import type { OutputFormat } from '../io/sinks/encoder.js';
import { stdoutView } from './stdout-view.js';
import { SampleSink } from '../io/sinks/sample-sink.js';
import { openInputs } from '../io/inputs/job-inputs.js';
import { setupState } from './state-setup.js';
import { setupSpill } from './spill-setup.js';

/** How long a piped stdin is waited for to tell whether it is small and ended (see defaultForInput). */
const STDIN_PEEK_MS = 50;

/** A job while it runs, as the command sees it. */
export interface RunningJob {
  stop(): void;
  progress(): JobSummary;
  /** The bytes of all inputs when known before reading (bounded local inputs), else null. */
  readonly totalBytes: number | null;
  /** The inputs are followed (`--follow`). */
  readonly follows: boolean;
  /** Stdout shows the live table (then no progress line is drawn beside it). */
  readonly liveView: boolean;
}

/** How to run a compiled pipeline: the run options, from the command line or the YAML file. */
export interface RunSettings {
  parallelism: number;
  /** `parallelism` was asked for (`-p`, YAML); else it is the default and a small input runs on one thread. */
  parallelismGiven: boolean;
  stateDir?: string;
  checkpointInterval?: string;
  /** `--memory`: the budget of keyed state in memory, in bytes (default: see defaultMemoryBudget). */
  memoryBytes?: number;
  exactlyOnce: boolean;
  /** False (`--no-drain`): at the end of the input keep the open windows in the state. */
  drain: boolean;
  errors?: string;
  late?: string;
  maxErrors?: number;
  /** `--s3-endpoint`: an S3-compatible store for the `s3://` inputs. */
  s3Endpoint?: string;
  /** `--s3-poll`: with `--follow`, how often S3 prefixes are listed again. */
  s3PollMs?: number;
  /** `fstream tap --every N`: stdout shows one record in N, and stops after `limit` (null: never). */
  sample?: { every: number; limit: number | null };
}

/**
 * Wires a job for a compiled pipeline — its source, decoding, sinks, state and executor — and
 * runs it to the end of its input. `onStart` receives the running job: what stops it (the first
 * signal) and what it has done so far (`--stats` while it runs). Inputs
 * are resolved first, so a missing one is reported before any output or state is touched.
 */
export async function runJob(compiled: Compiled, settings: RunSettings, onStart: (job: RunningJob) => void): Promise<JobSummary> {
  const { plan } = compiled;
  // Inputs are checked first, so a missing one is reported before any output or state is touched.
  const inputs = await openInputs(plan.input.from, {
    follow: plan.input.follow === true,
    s3Endpoint: settings.s3Endpoint,
    s3Timing: settings.s3PollMs !== undefined ? { pollMs: settings.s3PollMs } : {},
    resuming: settings.stateDir !== undefined && existsSync(join(settings.stateDir, MARKER_FILE)),
    // A short wait on a pipe tells `echo ... | fstream` (small, ended) from a large or live input.
    ...(settings.parallelismGiven || settings.parallelism <= 1 ? {} : { peekStdin: { maxBytes: SMALL_INPUT_BYTES, waitMs: STDIN_PEEK_MS } }),
  });
  const layout = layoutOf(plan);
  const view = await stdoutView(plan, settings.exactlyOnce, keyColumnsOf(plan));
  const stdoutSink = (): Sink => view.make();
  let sink: Sink;
  let backend: StateBackend | undefined;
  let checkpoints: JobConfig['checkpoints'];
  if (settings.stateDir) {
    const setup = await setupState(compiled, settings.stateDir, settings.checkpointInterval, settings.exactlyOnce, stdoutSink);
    ({ sink, backend } = setup);
    checkpoints = { checkpointer: setup.checkpointer, restored: setup.restored };
  } else {
    sink = plan.output.to ? createOutputFileSink(plan.output.to, (plan.output.format ?? 'ndjson') as OutputFormat) : stdoutSink();
  }
  if (settings.sample) sink = new SampleSink(sink, settings.sample.every, settings.sample.limit);
  const deadLetters = settings.errors ? createDeadLetterWriter(settings.errors) : undefined;
  const late = settings.late ? createFileSink(settings.late, 'ndjson') : undefined;
  // Records may be encoded (or passed through) as NDJSON where they go straight to such a sink.
  const ndjsonOut = sink.acceptsNdjson && layout.after.length === 0;
  const decoding = decodingFor(plan, { ndjsonOut, lateOut: late !== undefined });
  const requested = settings.parallelismGiven ? settings.parallelism : defaultForInput(settings.parallelism, inputs.knownBytes).parallelism;
  const { parallelism } = effectiveParallelism(plan, requested);
  const restore = { splits: checkpoints?.restored?.meta.splits ?? [], enumerator: checkpoints?.restored?.meta.enumerator ?? null };
  const parallel = parallelism > 1 ? await import('./parallel-executor-factory.js') : null;
  const spill = await setupSpill(settings.memoryBytes, settings.stateDir, checkpoints?.restored?.meta ?? null);
  const driver = new JobDriver({
    plan,
    source: await inputs.source(restore),
    decoding,
    output: { sink, deadLetters, late, maxErrors: settings.maxErrors },
    executor: ({ layout, output, events, buffers }): Executor =>
      parallel
        ? parallel.createParallelExecutor({
            plan,
            layout,
            parallelism,
            output,
            events,
            buffers,
            ndjsonText: ndjsonOut,
            lateOut: late !== undefined,
            spill: spill.settings,
          })
        : new LocalExecutor(plan, layout, decoding, output, events, buffers, spill.settings),
    parallelism,
    checkpoints,
    drain: settings.drain,
    ...(view.liveEveryMs !== undefined ? { liveEveryMs: view.liveEveryMs } : {}),
  });
  view.attach(() => {
    const p = driver.progress();
    return { watermark: plan.time.kind === 'event' ? p.watermark : null, records: p.records, late: p.lateRecords, bad: p.badRecords };
  });
  onStart({
    stop: () => driver.requestStop(),
    progress: () => driver.progress(),
    totalBytes: inputs.knownBytes,
    follows: plan.input.follow === true,
    liveView: view.live,
  });
  try {
    return await driver.run();
  } finally {
    await Promise.allSettled([sink.close(), deadLetters?.close(), late?.close()]);
    await backend?.close();
    spill.cleanUp();
    // A stop while stdin was quiet leaves a read pending, which would keep the process alive.
    if (inputs.readsStdin) process.stdin.destroy();
  }
}

/** The fields that identify an aggregation's result rows: the window bounds and the `by` fields. */
function keyColumnsOf(plan: Compiled['plan']): string[] {
  const agg = plan.steps.find((s) => s.op === 'aggregate');
  return agg?.op === 'aggregate' ? ['window_start', 'window_end', ...agg.byNames] : [];
}
