import { Option, type Command } from 'commander';
import type { CliOverrides } from '../dsl/compile.js';
import { error } from '../dsl/diagnostic.js';
import { MAX_ERRORS_HELP, MAX_PARALLELISM, PARALLELISM_HELP } from '../plan/limits.js';
import { optionSource } from '../dsl/overrides.js';
import { PipelineError } from '../dsl/pipeline-error.js';

/** The run options of SPEC §1, as commander parsed them (those that shape the plan, and the rest). */
export interface RunFlags extends CliOverrides {
  config?: string;
  parallelism?: string;
  state?: string;
  checkpointInterval?: string;
  memory?: string;
  exactlyOnce?: boolean;
  /** False with `--no-drain` (commander reads `--no-X` as X set to false; true otherwise). */
  drain?: boolean;
  errors?: string;
  maxErrors?: string;
  late?: string;
  progress?: boolean;
  stats?: boolean;
  statsEvery?: string;
  s3Endpoint?: string;
  s3Poll?: string;
}

const collect = (value: string, prev: string[] | undefined): string[] => [...(prev ?? []), value];

/** Adds the run options (the one option table of the CLI) to a command. */
export function addRunOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'the pipeline as a YAML file')
    .option('--from <src>', 'input: - (stdin), a path, a quoted glob, s3://bucket/prefix; repeatable', collect)
    .option('-f, --follow', 'keep reading: files as they grow, are rotated, truncated or appear (tail -F); new S3 objects')
    .option('--s3-endpoint <url>', 'an S3-compatible store for s3:// inputs (also AWS_ENDPOINT_URL)')
    .option('--s3-poll <duration>', 'with --follow: how often S3 prefixes are listed for new objects (default 10s)')
    .option('--format <format>', 'json, logfmt, csv, tsv, lines, nginx, apache, regex:PATTERN')
    .option('--time <field>', 'event time from this field (default: processing time)')
    .option('--time-format <fmt>', 'strftime-like format of the time field')
    .option('--lag <duration>', 'bounded out-of-orderness of event time (default 0s)')
    .option('--idle <duration>', 'an input quiet this long stops holding the watermark back (all quiet: it follows the clock)')
    .option('--to <path>', 'write results to a file (may be a template: out/{host}.ndjson)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['ndjson', 'csv', 'table', 'chart']))
    .option('-p, --parallelism <n>', `worker threads, 1 to ${MAX_PARALLELISM} (default: cores, at most 8)`)
    .option('--state <dir>', 'keep keyed state and checkpoints in DIR')
    .option('--checkpoint-interval <duration>', 'checkpoint interval (default 10s with --state)')
    .option('--memory <size>', 'memory for keyed state, e.g. 512MB; past it state spills to disk (default: 1/16 of RAM, 64MB to 512MB)')
    .option('--exactly-once', 'hold stdout output until the checkpoint that covers it commits')
    .option('--no-drain', 'end of input: keep open windows in --state for the next run')
    .option('--errors <path>', 'dead-letter file for records that could not be decoded or timed')
    .option('--max-errors <n>', 'stop with exit 1 after N bad records')
    .option('--late <path>', 'side output for events that arrive after their window fired')
    .option('--stats', 'at exit, a JSON summary on stderr: per input bytes, lines and bad records; records, late; checkpoints; wall and CPU time; peak memory')
    .option('--stats-every <duration>', 'also print the --stats JSON every DURATION while running (SIGUSR1 prints it at any time)')
    .option('--progress', 'a progress bar (or, followed, a status line) on stderr; the default when stderr is a terminal')
    .option('--no-progress', 'no progress line on stderr');
}

/** Options that name a file, directory or input: an empty value would be silently ignored. */
const PATH_OPTIONS = [
  ['config', '--config'],
  ['to', '--to'],
  ['state', '--state'],
  ['errors', '--errors'],
  ['late', '--late'],
  ['s3Endpoint', '--s3-endpoint'],
] as const;

/**
 * The options that take part in compiling the plan. Also checks that no path option is empty.
 * @throws PipelineError located in the option when one is.
 */
export function overridesOf(flags: RunFlags): CliOverrides {
  const empty: string[] = PATH_OPTIONS.filter(([key]) => flags[key] === '').map(([, name]) => name);
  if (flags.from?.includes('')) empty.unshift('--from');
  if (empty.length > 0) {
    throw new PipelineError(empty.map((name) => error(`\`${name}\` needs a path, not an empty string`, optionSource(name, ''), { start: 0, end: 0 })));
  }
  const o: CliOverrides = {};
  if (flags.from) o.from = flags.from;
  if (flags.follow) o.follow = true;
  if (flags.format !== undefined) o.format = flags.format;
  if (flags.time !== undefined) o.time = flags.time;
  if (flags.timeFormat !== undefined) o.timeFormat = flags.timeFormat;
  if (flags.lag !== undefined) o.lag = flags.lag;
  if (flags.idle !== undefined) o.idle = flags.idle;
  if (flags.to !== undefined) o.to = flags.to;
  if (flags.output !== undefined) o.output = flags.output;
  return o;
}

/** Upper bounds of whole-number options. */
const OPTION_MAX: Readonly<Record<string, number>> = { '--parallelism': MAX_PARALLELISM };

const OPTION_HELP: Readonly<Record<string, string>> = {
  '--parallelism': PARALLELISM_HELP,
  '--max-errors': MAX_ERRORS_HELP,
};

/**
 * A whole-number option of at least 1 (and at most its bound, for `--parallelism`), or undefined
 * when absent.
 * @throws PipelineError located in the option's value when it is anything else.
 */
export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const max = OPTION_MAX[name];
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (n >= 1 && n <= (max ?? Infinity)) return n;
  const range = max === undefined ? 'a whole number of at least 1' : `a whole number from 1 to ${max}`;
  const help = OPTION_HELP[name];
  throw new PipelineError([
    error(`\`${name}\` takes ${range}, not \`${value}\``, optionSource(name, value), { start: 0, end: value.length }, help ? [help] : []),
  ]);
}
