/**
 * Regular expressions written by users (`=~`, the `regex` format): JavaScript syntax, with a
 * leading `(?i)` (the Go, Python, Rust and PCRE spelling of "ignore case") for ignore-case.
 *
 * Guarantee: a pattern this module accepts is matched in time linear in the input. V8 runs it
 * with its backtracking engine and, past a number of backtracks, falls back to its linear-time
 * engine (the flags below); a pattern that engine cannot run (a backreference, a lookaround, a
 * repetition of a group counted beyond its limits) is refused here, because it would get no
 * fallback. Patterns are rewritten first (regex-rewrite.ts) so that ignore-case and long counted
 * repetitions of one atom stay within what the linear engine runs.
 */
import { setFlagsFromString } from 'node:v8';
import { MAX_REPEAT, rewriteForLinearEngine } from './regex-rewrite.js';

let enabled = false;

/**
 * Turns on V8's linear-time fallback for excessive backtracking, and the `l` flag used to ask
 * whether a pattern can run on that engine. V8 flags are per process: once set, they hold for the
 * main thread and for every worker thread. Idempotent; called at CLI start and before any user
 * pattern is compiled.
 */
export function enableLinearRegexEngine(): void {
  if (enabled) return;
  setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  setFlagsFromString('--enable-experimental-regexp-engine');
  enabled = true;
}

/** A pattern that cannot be used, with what to tell the user. */
export class UserRegexError extends Error {
  constructor(
    message: string,
    readonly help: string[] = [],
  ) {
    super(message);
    this.name = 'UserRegexError';
  }
}

const LINEAR_HELP = 'user regexes run in linear time: backreferences, lookahead and lookbehind are not supported';

/** Compiles a user pattern for matching; throws UserRegexError when it is invalid or refused. */
export function compileUserRegex(pattern: string): RegExp {
  enableLinearRegexEngine();
  const ignoreCase = pattern.startsWith('(?i)');
  const body = ignoreCase ? pattern.slice(4) : pattern;
  try {
    new RegExp(body, ignoreCase ? 'i' : '');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new UserRegexError(`invalid regular expression: ${message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '')}`);
  }
  const rewritten = rewriteForLinearEngine(body, ignoreCase);
  try {
    new RegExp(rewritten.source, 'l');
  } catch {
    const { backreference, lookaround } = rewritten.found;
    if (backreference) throw new UserRegexError('backreferences (`\\1`, `\\k<name>`) are not supported in regexes', [LINEAR_HELP]);
    if (lookaround) throw new UserRegexError('lookahead and lookbehind (`(?=`, `(?!`, `(?<=`, `(?<!`) are not supported in regexes', [LINEAR_HELP]);
    throw new UserRegexError('this regex repeats too much to run in linear time', [
      `repeat one character or class at most ${MAX_REPEAT} times (\`x{2,${MAX_REPEAT}}\`), and a group at most 16 times, counting the repetitions of the groups around it`,
    ]);
  }
  return new RegExp(rewritten.source);
}
