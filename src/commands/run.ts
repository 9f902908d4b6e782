import { parseByteSize } from '../common/byte-size.js';
import type { Compiled } from '../dsl/compile.js';
import { UsageError } from '../common/errors.js';
import { parseDuration } from '../common/time/duration.js';
import { runJob, type RunSettings } from '../app/run-job.js';
import type { JobSummary } from '../engine/runtime/job-output.js';
import { defaultParallelism } from '../engine/runtime/parallelism.js';
import { loadPipeline } from './load-pipeline.js';
import type { TapSpec } from '../dsl/tap.js';
import { statsReport } from './stats-report.js';
import { checkpointDurations } from '../engine/checkpoint/checkpointer.js';
import { statsWhileRunning } from './stats-while-running.js';
import { overridesOf, positiveInt, type RunFlags } from './options.js';
import { noLongerStoppable, stopsOnSignal, whenStopRequested } from './stop-signals.js';

/**
 * `fstream [run] [options] [QUERY]` and `fstream run -c FILE`: runs a pipeline to the end of its
 * input. With `tap` (`fstream tap STAGE ...`): the pipeline up to that stage, its first records.
 */
export async function runCommand(query: string | undefined, flags: RunFlags, tap?: TapSpec & { every?: number }): Promise<number> {
  stopsOnSignal();
  if (tap && (flags.state !== undefined || flags.to !== undefined)) {
    throw new UsageError('`fstream tap` shows records on stdout and keeps no state', ['leave out --state and --to']);
  }
  // Sampled, the tap's limit counts the records shown: the output stops the job, not a `limit` stage.
  const every = tap?.every ?? 1;
  const compiled = await loadPipeline(query, flags.config, overridesOf(flags), tap && every > 1 ? { stage: tap.stage, limit: null } : tap);
  if (tap && compiled.options.stateDir !== undefined)
    throw new UsageError('`fstream tap` keeps no state', ['the pipeline file names a state directory: run tap without it']);
  const settings = settingsOf(compiled, flags);
  if (tap && every > 1) settings.sample = { every, limit: tap.limit };
  let summary: JobSummary;
  const statsEveryMs = flags.statsEvery !== undefined ? durationFlag('--stats-every', flags.statsEvery) : undefined;
  let stopReporting = (): void => {};
  let stopProgress = (): void => {};
  // Progress goes to stderr: on by default only when stderr is a terminal.
  const progress = flags.progress === true || (flags.progress !== false && process.stderr.isTTY === true);
  const startProgress = progress ? (await import('./progress-display.js')).startProgress : null;
  try {
    // The first signal stops reading and checkpoints (Flink's stop-with-savepoint).
    summary = await runJob(compiled, settings, (job) => {
      whenStopRequested(() => job.stop());
      stopReporting = statsWhileRunning(job, statsEveryMs);
      if (startProgress && !job.liveView) stopProgress = startProgress(job);
    });
  } finally {
    stopProgress();
    stopReporting();
    noLongerStoppable();
  }
  printSummary(summary, settings);
  if (flags.stats === true || statsEveryMs !== undefined) {
    process.stderr.write(`${JSON.stringify(statsReport(summary, checkpointDurations, performance.now()))}\n`);
  }
  return 0;
}

/** Run settings from the command line, falling back to the YAML file's. */
function settingsOf(compiled: Compiled, flags: RunFlags): RunSettings {
  const file = compiled.options;
  const maxErrors = positiveInt('--max-errors', flags.maxErrors) ?? file.maxErrors?.value;
  const given = positiveInt('--parallelism', flags.parallelism) ?? file.parallelism?.value;
  const parallelism = given ?? defaultParallelism();
  const stateDir = flags.state ?? file.stateDir?.value;
  const exactlyOnce = flags.exactlyOnce === true || file.exactlyOnce?.value === true;
  if (exactlyOnce && !stateDir) throw new UsageError('--exactly-once needs --state DIR', ['output is held until the checkpoint that covers it commits']);
  if (flags.checkpointInterval !== undefined && !stateDir) throw new UsageError('--checkpoint-interval needs --state DIR');
  const drain = flags.drain !== false && file.noDrain?.value !== true;
  let memoryBytes: number | undefined;
  if (flags.memory !== undefined) {
    const bytes = /[a-z]$/i.test(flags.memory.trim()) ? parseByteSize(flags.memory) : null;
    if (bytes === null || bytes < 1024)
      throw new UsageError(`--memory takes a size with its unit such as 256MB or 2GB, not \`${flags.memory}\``, [
        'units are KB, MB, GB (binary: 1MB = 1024KB); a small budget makes state spill to disk often',
      ]);
    memoryBytes = bytes;
  }
  if (!drain && !stateDir) throw new UsageError('--no-drain needs --state DIR', ['the open windows are kept there for the next run']);
  return {
    ...s3SettingsOf(flags, compiled),
    parallelism,
    parallelismGiven: given !== undefined,
    stateDir,
    checkpointInterval: flags.checkpointInterval,
    ...(memoryBytes !== undefined ? { memoryBytes } : {}),
    exactlyOnce,
    drain,
    errors: flags.errors ?? file.errors?.value,
    late: flags.late ?? file.late?.value,
    maxErrors,
  };
}

/** `--s3-endpoint` (an http(s) URL) and `--s3-poll` (a duration, with `--follow`), or the YAML file's `s3`. */
/** A positive duration flag in milliseconds, or a usage error. */
function durationFlag(name: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === null || ms <= 0) throw new UsageError(`${name} takes a duration such as 30s or 1m, not \`${value}\``);
  return ms;
}

function s3SettingsOf(flags: RunFlags, compiled: Compiled): Pick<RunSettings, 's3Endpoint' | 's3PollMs'> {
  const out: Pick<RunSettings, 's3Endpoint' | 's3PollMs'> = {};
  const endpoint = flags.s3Endpoint ?? compiled.options.s3Endpoint?.value;
  if (endpoint !== undefined) {
    if (!/^https?:\/\/[^/]/.test(endpoint))
      throw new UsageError(`--s3-endpoint takes an http:// or https:// URL, not \`${endpoint}\``, ['e.g. --s3-endpoint http://127.0.0.1:9000']);
    out.s3Endpoint = endpoint;
  }
  let pollMs = compiled.options.s3PollMs?.value;
  if (flags.s3Poll !== undefined) {
    const ms = durationFlag('--s3-poll', flags.s3Poll);
    pollMs = ms;
  }
  if (pollMs !== undefined) {
    if (compiled.plan.input.follow !== true) throw new UsageError('--s3-poll needs --follow', ['without --follow an S3 prefix is read once']);
    out.s3PollMs = pollMs;
  }
  return out;
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
