import type { Compiled } from '../dsl/compile.js';
import { UsageError } from '../common/errors.js';
import { decodingFor } from '../io/formats/decoding.js';
import { createDeadLetterWriter, type DeadLetterWriter } from '../io/sinks/dead-letter.js';
import { createFileSink, createOutputFileSink } from '../io/sinks/file-sink.js';
import type { Sink } from '../engine/contracts/sink.js';
import { createStdoutSink } from '../io/sinks/stdout-sink.js';
import { resolveSplits } from '../io/sources/resolve-splits.js';
import { Job, type JobConfig } from '../engine/runtime/job.js';
import type { JobSummary } from '../engine/runtime/job-output.js';
import { defaultParallelism, effectiveParallelism } from '../engine/runtime/parallelism.js';
import type { StateBackend } from '../engine/state/backend.js';
import { loadPipeline } from './load-pipeline.js';
import { overridesOf, positiveInt, type RunFlags } from './options.js';
import { setupState } from './state-setup.js';
import { noLongerStoppable, stopsOnSignal, whenStopRequested } from './stop-signals.js';

/** A job the signal handlers can ask to stop (both runtimes). */
interface Stoppable {
  requestStop(): void;
  run(): Promise<JobSummary>;
}

/** `fstream [run] [options] [QUERY]` and `fstream run -c FILE`: runs a pipeline to the end of its input. */
export async function runCommand(query: string | undefined, flags: RunFlags): Promise<number> {
  stopsOnSignal();
  const compiled = await loadPipeline(query, flags.config, overridesOf(flags));
  if (flags.progress === true) process.stderr.write('fstream: note: --progress is not available yet; running without it\n');
  const settings = settingsOf(compiled, flags);
  const { plan } = compiled;
  let splits = await resolveSplits(plan.input.from);
  const stdoutSink = (): Sink => createStdoutSink(plan.output.format, { keyColumns: keyColumnsOf(plan) });

  let sink: Sink;
  let backend: StateBackend | undefined;
  let state: JobConfig['state'];
  if (settings.stateDir) {
    const setup = await setupState(compiled, settings.stateDir, flags.checkpointInterval, settings.exactlyOnce, splits, stdoutSink);
    ({ sink, backend, splits, state } = setup);
  } else {
    sink = plan.output.to ? createOutputFileSink(plan.output.to, plan.output.format ?? 'ndjson') : stdoutSink();
  }
  const deadLetters: DeadLetterWriter | undefined = settings.errors ? createDeadLetterWriter(settings.errors) : undefined;
  const late: Sink | undefined = settings.late ? createFileSink(settings.late, 'ndjson') : undefined;

  const config: JobConfig = { plan, splits, decoding: decodingFor(plan, { ndjsonOut: sink.acceptsNdjson, lateOut: late !== undefined }), sink, deadLetters, late, maxErrors: settings.maxErrors, state };
  const { parallelism } = effectiveParallelism(plan, settings.parallelism);
  let job: Stoppable;
  if (parallelism > 1) {
    const { ParallelJob } = await import('../engine/runtime/parallel/parallel-job.js');
    job = new ParallelJob(config, parallelism);
  } else job = new Job(config);

  // The first signal stops reading and checkpoints (Flink's stop-with-savepoint).
  whenStopRequested(() => job.requestStop());
  let summary: JobSummary;
  try {
    summary = await job.run();
  } finally {
    noLongerStoppable();
    await Promise.allSettled([sink.close(), deadLetters?.close(), late?.close()]);
    await backend?.close();
    // A stop while stdin was quiet leaves a read pending, which would keep the process alive.
    if (splits.some((s) => s.name === '-')) process.stdin.destroy();
  }
  printSummary(summary, settings);
  return 0;
}

interface RunSettings {
  parallelism: number;
  stateDir?: string;
  exactlyOnce: boolean;
  errors?: string;
  late?: string;
  maxErrors?: number;
}

/** Run settings from the command line, falling back to the YAML file's. */
function settingsOf(compiled: Compiled, flags: RunFlags): RunSettings {
  const file = compiled.options;
  const maxErrors = positiveInt('--max-errors', flags.maxErrors) ?? file.maxErrors?.value;
  if (flags.follow || file.follow?.value) {
    throw new UsageError('--follow is not available yet', ['read the files once without --follow, or pipe `tail -F FILE | fstream ...`']);
  }
  const parallelism = positiveInt('--parallelism', flags.parallelism) ?? file.parallelism?.value ?? defaultParallelism();
  const stateDir = flags.state ?? file.stateDir?.value;
  const exactlyOnce = flags.exactlyOnce === true || file.exactlyOnce?.value === true;
  if (exactlyOnce && !stateDir) throw new UsageError('--exactly-once needs --state DIR', ['output is held until the checkpoint that covers it commits']);
  if (flags.checkpointInterval !== undefined && !stateDir) throw new UsageError('--checkpoint-interval needs --state DIR');
  return { parallelism, stateDir, exactlyOnce, errors: flags.errors ?? file.errors?.value, late: flags.late ?? file.late?.value, maxErrors };
}

/** The exit summary on stderr: what was skipped and why (SPEC §7). Silent when nothing was. */
function printSummary(s: JobSummary, settings: RunSettings): void {
  if (s.outputClosed) return;
  const lines: string[] = [];
  if (s.badRecords > 0) {
    const where = settings.errors ? `written to ${settings.errors}` : 'use --errors FILE to keep them';
    const first = s.firstBad ? `; first: ${s.firstBad.source}:${s.firstBad.line}: ${s.firstBad.error}` : '';
    lines.push(`fstream: skipped ${s.badRecords} bad record${s.badRecords === 1 ? '' : 's'} (${where})${first}`);
  }
  if (s.lateRecords > 0) {
    const where = settings.late ? `written to ${settings.late}` : 'dropped; use --late FILE to keep them';
    lines.push(`fstream: ${s.lateRecords} late event${s.lateRecords === 1 ? '' : 's'} (${where})`);
  }
  if (lines.length > 0) process.stderr.write(lines.join('\n') + '\n');
}

/** The fields that identify an aggregation's result rows: the window bounds and the `by` fields. */
function keyColumnsOf(plan: Compiled['plan']): string[] {
  const agg = plan.steps.find((s) => s.op === 'aggregate');
  return agg?.op === 'aggregate' ? ['window_start', 'window_end', ...agg.byNames] : [];
}
