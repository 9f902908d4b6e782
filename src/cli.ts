import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { addRunOptions, type RunFlags } from './commands/options.js';
import { reportError } from './commands/report-error.js';
import { installStopSignals } from './commands/stop-signals.js';
import { mainHelpText } from './commands/help-text.js';
import { closest } from './dsl/did-you-mean.js';
import { enableLinearRegexEngine } from './common/regex/user-regex.js';
import { MAX_PARALLELISM } from './plan/limits.js';
import { UsageError } from './common/errors.js';

// Before any user pattern is compiled, in this thread or in a worker (V8 flags are per process).
enableLinearRegexEngine();

/** The fstream command line: `run` (the default), `explain`, `validate`, `state`, `test`, `tap`, `help`, `completion`. */
async function main(argv: string[]): Promise<number> {
  installStopSignals();
  const program = new Command('fstream')
    .description('A stream processor for files and logs: windows, watermarks and aggregation in a shell pipe.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(houseStyle(str)) });

  let exitCode = 0;
  const setExit = (code: number): void => {
    exitCode = code;
  };

  const run = addRunOptions(
    program
      .command('run', { isDefault: true })
      .description('run a pipeline (the default command)')
      .argument('[query...]', "the pipeline, e.g. 'json | where status >= 500'"),
  ).action(async (words: string[], flags: RunFlags) => {
    const { runCommand } = await import('./commands/run.js');
    setExit(await runCommand(oneQuery(words), flags));
  });
  program.usage('[run] [options] [QUERY]\n       fstream <command> ...');
  program.addHelpText('after', () => mainHelpText(run));

  program
    .command('explain')
    .description('print the compiled plan: logical steps and physical tasks')
    .argument('[query]', 'the pipeline')
    .option('-c, --config <file>', 'the pipeline as a YAML file')
    .option('--json', 'print the plan as JSON')
    .option('-p, --parallelism <n>', `parallelism of the physical plan, 1 to ${MAX_PARALLELISM}`)
    .option('--from <src>', 'input (as for run)', (v: string, p: string[] | undefined) => [...(p ?? []), v])
    .option('--format <format>', 'input format (as for run)')
    .option('--time <field>', 'event time field (as for run)')
    .option('--time-format <fmt>', 'format of the time field (as for run)')
    .option('--lag <duration>', 'bounded out-of-orderness (as for run)')
    .option('--idle <duration>', 'idleness (as for run)')
    .option('--to <path>', 'output (as for run)')
    .option('-o, --output <format>', 'output format (as for run)')
    .action(async (query: string | undefined, flags) => {
      const { explainCommand } = await import('./commands/explain.js');
      setExit(await explainCommand(query, flags));
    });

  program
    .command('validate')
    .description('check a pipeline, with the run options that shape it: exit 0 when valid, 2 with located errors otherwise')
    .argument('[query]', 'the pipeline')
    .option('-c, --config <file>', 'the pipeline as a YAML file')
    .option('--from <src>', 'input (as for run)', (v: string, p: string[] | undefined) => [...(p ?? []), v])
    .option('--format <format>', 'input format (as for run)')
    .option('--time <field>', 'event time field (as for run)')
    .option('--time-format <fmt>', 'format of the time field (as for run)')
    .option('--lag <duration>', 'bounded out-of-orderness (as for run)')
    .option('--idle <duration>', 'idleness (as for run)')
    .option('--to <path>', 'output (as for run)')
    .option('-o, --output <format>', 'output format (as for run)')
    .option('-p, --parallelism <n>', `worker threads (as for run), 1 to ${MAX_PARALLELISM}`)
    .action(async (query: string | undefined, flags: RunFlags) => {
      const { validateCommand } = await import('./commands/validate.js');
      setExit(await validateCommand(query, flags));
    });

  program
    .command('state')
    .description('inspect or delete the checkpoints kept in a state directory')
    .argument('<action>', 'ls | show | rm')
    .argument('<dir>', 'the state directory (--state DIR)')
    .action(async (action: string, dir: string) => {
      const { stateCommand } = await import('./commands/state.js');
      setExit(await stateCommand(action, dir));
    });

  addRunOptions(
    program
      .command('tap')
      .description('show the records coming out of one stage of a pipeline, on the same input (the first 10 by default)')
      .argument('<stage>', 'a stage number (1 = the format), or a kind: json, where, eval, window, aggregate, where:2, ...')
      .argument('[query...]', 'the pipeline'),
  )
    .option('--limit <n>', 'stop after N records (default 10; 0: no limit)')
    .option('--every <n>', 'sample: show one record in N (the first, then every N-th)')
    .action(async (stage: string, words: string[], flags: RunFlags & { limit?: string; every?: string }) => {
      const { runCommand } = await import('./commands/run.js');
      const limit = flags.limit === undefined ? 10 : nonNegativeInt('--limit', flags.limit);
      const every = flags.every === undefined ? 1 : nonNegativeInt('--every', flags.every);
      if (every === 0) throw new UsageError('--every takes a whole number from 1');
      setExit(await runCommand(oneQuery(words), flags, { stage, limit: limit === 0 ? null : limit, every }));
    });

  program
    .command('test')
    .description('pipeline unit tests: YAML files of input, clock and watermark steps, and expected output (simulated clock)')
    .argument('<files...>', 'test files (see fixtures/tests/)')
    .option('--update', 'write what came out into the files as their expectations')
    .action(async (files: string[], flags: { update?: boolean }) => {
      const { testCommand } = await import('./commands/test.js');
      setExit(await testCommand(files, flags));
    });

  program
    .command('help')
    .description('help on a topic: query, functions, aggregates, windows, time-formats (or a command)')
    .argument('[topic]', 'a topic or a command')
    .action(async (topic: string | undefined) => {
      const sub = program.commands.find((c) => c.name() === topic && c.name() !== 'help');
      if (topic === undefined) program.outputHelp();
      else if (sub) sub.outputHelp();
      else {
        const { helpTopic } = await import('./commands/help-topics.js');
        process.stdout.write(`${helpTopic(topic)}\n`);
      }
    });

  program
    .command('completion')
    .description('print a completion script: source <(fstream completion bash)')
    .argument('<shell>', 'bash | zsh')
    .action(async (shell: string) => {
      const { completionScript } = await import('./commands/completion.js');
      process.stdout.write(completionScript(program, shell));
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    return reportError(err);
  }
  return exitCode;
}

/**
 * The query of `fstream [run] QUERY`. More than one word is either a misspelt subcommand
 * (`fstream explian ...`) or an unquoted query.
 */
function oneQuery(words: string[]): string | undefined {
  if (words.length <= 1) return words[0];
  const guess = closest(words[0]!, ['run', 'explain', 'validate', 'state', 'test', 'tap', 'help', 'completion']);
  if (guess) throw new UsageError(`unknown command \`${words[0]}\``, [`did you mean \`${guess}\`?`]);
  throw new UsageError(`expected the pipeline as one argument, got ${words.length}`, [`quote it: fstream '${words.join(' ')}'`]);
}

function nonNegativeInt(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} takes a whole number, not \`${value}\``);
  return Number(value);
}

/** The version in fstream's package.json, above dist/cli.js or dist/bundle/cli.js (a small file read). */
function packageVersion(): string {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'fstream' && pkg.version) return pkg.version;
    } catch {
      // not there: try one level up
    }
  }
  return 'unknown';
}

/** Commander's usage errors in the style of our diagnostics: `help:` lines, names in backticks. */
function houseStyle(message: string): string {
  return message.replace(/\n?\(Did you mean (.+?)\?\)/g, (_m, name: string) => `\n  = help: did you mean \`${name}\`?`);
}

if (process.env.FSTREAM_REPORT_RSS) {
  // For the benchmark: peak memory and CPU time (user+sys) of the whole process (all threads),
  // printed last on stderr.
  const { checkpointDurations } = await import('./engine/checkpoint/checkpointer.js');
  process.on('exit', () => {
    const cps = checkpointDurations;
    const checkpoints = cps.length > 0 ? { count: cps.length, meanMs: cps.reduce((a, b) => a + b, 0) / cps.length, maxMs: Math.max(...cps) } : undefined;
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    process.stderr.write(`fstream-stats ${JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs, checkpoints })}\n`);
  });
}

// Last resort: whatever escapes is reported like any error — never a stack trace (SPEC §7).
process.on('unhandledRejection', (err) => {
  process.exitCode = reportError(err);
});

/**
 * Exits once stdout has taken everything written to it. A finished command exits even when a
 * read it no longer needs is still pending (a FIFO nobody opened, a device that never ends).
 */
function exitWhenWritten(code: number): void {
  process.exitCode = code;
  const out = process.stdout;
  if (out.writableLength === 0 || out.destroyed) process.exit(code);
  out.once('drain', () => process.exit(code));
  out.once('error', () => process.exit(code));
}

main(process.argv).then(exitWhenWritten, (err: unknown) => exitWhenWritten(reportError(err)));
