/**
 * The bounds a pipeline must stay within. Each keeps a run safe (no stack overflow, no runaway
 * memory or time) and exact (window arithmetic in doubles), far beyond what a real pipeline needs.
 */

/**
 * Worker threads (`-p`, `parallelism:`). Each worker is a V8 isolate of about 15 MB before any
 * data (about 1 GB at 64), and state is split into 128 key groups: 64 still gives each worker
 * two of them.
 */
export const MAX_PARALLELISM = 64;

/** `--max-errors N` / `max_errors: N` stop at the Nth bad record; 0 would mean the same as 1, or to some users "no limit". */
export const MAX_ERRORS_HELP = 'the run stops with exit 1 at the Nth bad record: 1 stops at the first; leave it out for no limit';

export const PARALLELISM_HELP = 'each worker thread is a V8 isolate of about 15 MB; the default is the number of cores, at most 8';

/**
 * Levels of an expression tree: parentheses, calls, `not` / `-`, `in` lists, and each binary
 * operator of a chain (`a + b + c` is two levels deep). The compiled plan is posted to workers
 * and hashed, both of which walk it recursively.
 */
export const MAX_EXPR_DEPTH = 256;

/** Durations (window sizes, slides, gaps, lag, idle, emit and checkpoint intervals): 3650 days, about 10 years. */
export const MAX_DURATION_MS = 3650 * 86_400_000;

/** Windows one event falls into with `window sliding SIZE every SLIDE` (SIZE / SLIDE). */
export const MAX_WINDOWS_PER_EVENT = 1000;

/** `limit N` and `window count N`: counts stay exact in doubles. */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/**
 * Nesting of collections in a YAML pipeline file (a pipeline needs four or five). The YAML parser
 * and the reader walk documents recursively.
 */
export const MAX_YAML_DEPTH = 64;
