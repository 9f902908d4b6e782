/** The names the DSL knows: stages, formats, functions and their arities. */
import type { FormatName } from './ast.js';

export const FORMAT_NAMES: readonly FormatName[] = ['json', 'logfmt', 'csv', 'tsv', 'lines', 'nginx', 'apache', 'regex'];

export const STAGE_NAMES: readonly string[] = [
  ...FORMAT_NAMES,
  'where',
  'eval',
  'select',
  'drop',
  'time',
  'window',
  'emit',
  'limit',
  'top',
  'sort',
  'dedupe',
  'parse',
];

export interface Arity {
  min: number;
  max: number;
}

/**
 * A function as the checker knows it (its arity) and as `fstream help` teaches it: the argument
 * list, one line of meaning and one example (each example is checked by the test suite).
 */
export interface FuncSpec extends Arity {
  args: string;
  summary: string;
  example: string;
  /** The argument that is a regular expression: a string literal, checked like `=~`'s. */
  regexArg?: number;
}

const fn = (min: number, max: number, args: string, summary: string, example: string): FuncSpec => ({ min, max, args, summary, example });

/** Aggregate functions as they may be written, with their arities. */
export const AGG_FUNCS: ReadonlyMap<string, FuncSpec> = new Map([
  ['count', fn(0, 1, '[x]', 'records (with x: records where x is not null)', 'count by status')],
  ['sum', fn(1, 1, 'x', 'sum of the numbers', 'sum(bytes) by host')],
  ['avg', fn(1, 1, 'x', 'mean of the numbers', 'avg(latency_ms) by route')],
  ['min', fn(1, 1, 'x', 'smallest value (numbers come before strings)', 'min(latency_ms)')],
  ['max', fn(1, 1, 'x', 'largest value (numbers come before strings)', 'max(bytes) by path')],
  ['count_distinct', fn(1, 1, 'x', 'distinct values, exact', 'count_distinct(user) as users by host')],
  ['approx_count_distinct', fn(1, 1, 'x', 'distinct values, HyperLogLog (within 2%)', 'approx_count_distinct(ip)')],
  ['p50', fn(1, 1, 'x', 'median (within 1% relative error)', 'p50(latency_ms) by route')],
  ['p90', fn(1, 1, 'x', '90th percentile (within 1% relative error)', 'p90(latency_ms)')],
  ['p95', fn(1, 1, 'x', '95th percentile (within 1% relative error)', 'p95(latency_ms) by route')],
  ['p99', fn(1, 1, 'x', '99th percentile (within 1% relative error)', 'p99(latency_ms)')],
  ['percentile', fn(2, 2, 'x, q', 'the q quantile, q between 0 and 1 (within 1% relative error)', 'percentile(latency_ms, 0.999)')],
  ['first', fn(1, 1, 'x', 'first non-null value in input order', 'first(msg) by request_id')],
  ['last', fn(1, 1, 'x', 'last non-null value in input order', 'last(state) by job')],
]);

/** Scalar functions of expressions (SPEC §2). */
export const SCALAR_FUNCS: ReadonlyMap<string, FuncSpec> = new Map([
  ['lower', fn(1, 1, 's', 'lower case', 'lower(method) == "get"')],
  ['upper', fn(1, 1, 's', 'upper case', 'upper(level) == "ERROR"')],
  ['len', fn(1, 1, 's', 'length of a string, array or object', 'len(path) > 100')],
  ['contains', fn(2, 2, 's, part', 'true when the string s contains part (or the array s holds it)', 'contains(ua, "bot")')],
  ['starts_with', fn(2, 2, 's, prefix', 'true when s starts with prefix', 'starts_with(path, "/api/")')],
  ['ends_with', fn(2, 2, 's, suffix', 'true when s ends with suffix', 'ends_with(path, ".php")')],
  ['round', fn(1, 2, 'x[, digits]', 'rounded half away from zero', 'round(latency_ms / 1000, 2)')],
  ['floor', fn(1, 1, 'x', 'largest integer <= x', 'floor(bytes / 1024)')],
  ['ceil', fn(1, 1, 'x', 'smallest integer >= x', 'ceil(latency_ms)')],
  ['int', fn(1, 1, 'x', 'a number or numeric string as an integer (toward zero)', 'int(status_text) >= 500')],
  ['float', fn(1, 1, 'x', 'a number or numeric string as a number', 'float(duration) > 1.5')],
  ['str', fn(1, 1, 'x', 'as a string', 'str(status) =~ "^5"')],
  ['coalesce', fn(1, Infinity, 'a, b, ...', 'the first argument that is not null', 'coalesce(user, "anonymous")')],
  ['if', fn(3, 3, 'cond, a, b', 'a when cond is true, else b', 'if(status >= 500, "error", "ok")')],
  [
    'replace',
    {
      ...fn(3, 3, 's, regex, with', 'every match of regex replaced ($1, $<name> for groups)', 'replace(path, "/[0-9]+", "/:id") == "/users/:id"'),
      regexArg: 1,
    },
  ],
  [
    'extract',
    {
      ...fn(
        2,
        3,
        's, regex[, group]',
        'the first match: its group (number or name; default the first group, else the match), or null',
        'extract(msg, "user=(\\w+)") == "ann"',
      ),
      regexArg: 1,
    },
  ],
  ['split', fn(2, 2, 's, sep', 'the parts of s between each sep, as an array (index it: split(s, ",")[0])', 'split(path, "/")[1] == "api"')],
  ['substr', fn(2, 3, 's, start[, length]', 'characters from start (0-based; negative: from the end)', 'substr(ua, 0, 7) == "Mozilla"')],
  ['trim', fn(1, 1, 's', 'without leading and trailing white space', 'trim(level) == "warn"')],
  [
    'concat',
    fn(1, Infinity, 'a, b, ...', 'the arguments as one string (null ones left out); `+` joins two strings too', 'concat(method, " ", path) == "GET /"'),
  ],
  ['strftime', fn(2, 2, 'time, fmt', 'a time (ISO-8601 or epoch) as text, UTC (fstream help time-formats)', 'strftime(ts, "%H:%M") == "10:00"')],
  [
    'date_trunc',
    fn(
      2,
      2,
      'unit, time',
      'the time truncated to second, minute, hour, day, week (Monday), month or year, as ISO-8601',
      'date_trunc("hour", ts) == "2026-03-01T10:00:00.000Z"',
    ),
  ],
  ['hour', fn(1, 1, 'time', 'the hour of the day, 0–23 (UTC)', 'hour(ts) >= 9')],
  ['day_of_week', fn(1, 1, 'time', 'the day of the week, 0 (Sunday) to 6 (UTC)', 'day_of_week(ts) in (0, 6)')],
  ['now', fn(0, 0, '', 'the wall-clock time now, ISO-8601', 'ts < now()')],
  ['parse_json', fn(1, 1, 's', 'the JSON value a string holds (null when it is not JSON)', 'parse_json(payload)["user"] == "ann"')],
  ['ip_in_cidr', fn(2, 2, 'ip, cidr', 'true when the IPv4 or IPv6 address is in the network', 'ip_in_cidr(remote_addr, "10.0.0.0/8")')],
]);

/** A stage or window kind as `fstream help` teaches it: its syntax, meaning and an example pipeline. */
export interface SyntaxDoc {
  syntax: string;
  summary: string;
  example: string;
}

/** Window kinds, as the parser reads them (`window KIND ...`). */
export const WINDOW_KINDS: ReadonlyMap<string, SyntaxDoc> = new Map([
  [
    'tumbling',
    { syntax: 'window tumbling DUR', summary: 'fixed, non-overlapping windows [start, start + DUR)', example: 'json | window tumbling 1m | count by route' },
  ],
  [
    'sliding',
    {
      syntax: 'window sliding DUR every DUR',
      summary: 'overlapping windows of a size, one starting every slide',
      example: 'json | window sliding 5m every 1m | p95(latency_ms) by host',
    },
  ],
  [
    'session',
    {
      syntax: 'window session GAP',
      summary: 'per key: events closer than GAP together; closes after GAP of quiet',
      example: 'json | window session 30s | count by user',
    },
  ],
  [
    'global',
    {
      syntax: 'window global',
      summary: 'one window for all time (use `emit every` on live input)',
      example: 'json | window global | count by status | emit every 10s',
    },
  ],
  ['count', { syntax: 'window count N', summary: 'per key: a window of every N records', example: 'json | window count 100 | avg(latency_ms) by host' }],
]);

/** The stages of a query, in the order `fstream help query` lists them. */
export const STAGE_DOCS: readonly SyntaxDoc[] = [
  {
    syntax: 'json | logfmt | csv | tsv | lines | nginx | apache',
    summary: 'how each line becomes a record (a first stage)',
    example: 'logfmt | where level == "error"',
  },
  {
    syntax: 'regex "(?<name>PATTERN)"',
    summary: 'named groups of a regular expression become fields',
    example: 'regex "^(?<ip>\\S+) (?<rest>.*)$" | count by ip',
  },
  { syntax: 'where EXPR', summary: 'keep the records where EXPR is true', example: 'json | where status >= 500 and method == "POST"' },
  { syntax: 'eval NAME = EXPR, ...', summary: 'add or replace fields', example: 'json | eval kb = bytes / 1024, slow = latency_ms > 500' },
  { syntax: 'select F, ... / drop F, ...', summary: 'keep / remove fields', example: 'json | select ts, route, status' },
  {
    syntax: 'time FIELD [format "FMT"] [lag DUR] [idle DUR]',
    summary: 'event time and watermark (as --time, --time-format, --lag, --idle)',
    example: 'json | time ts lag 5s | window tumbling 1m | count',
  },
  { syntax: 'window KIND ...', summary: 'how records are grouped in time (`fstream help windows`)', example: 'json | window tumbling 1m | count by status' },
  {
    syntax: 'AGG [as NAME], ... [by F, ...]',
    summary: 'aggregate per key, and per window after a window stage (`fstream help aggregates`); a later aggregation runs over the results of an earlier one',
    example: 'json | count by ip | where count > 100 | count as busy_ips',
  },
  {
    syntax: 'emit every DUR',
    summary: 'also emit running results of open windows every DUR',
    example: 'json | window tumbling 1h | count by host | emit every 1m',
  },
  { syntax: 'limit N', summary: 'stop after N output records', example: 'json | where status >= 500 | limit 10' },
  {
    syntax: 'top N [by F, ...] [order by EXPR [asc|desc], ...]',
    summary: 'the first N records per window (per group with `by`) once it is complete; after an aggregation ordered by its first aggregate, largest first',
    example: 'json | where status >= 500 | count by route | top 3',
  },
  {
    syntax: 'parse "PATTERN" [from F] as NAME, ...',
    summary: 'each `*` of the pattern into a field (`_` skips one), from F (default `line`); records that do not match are dropped',
    example: 'json | parse "user=* action=*" from msg as user, action',
  },
  {
    syntax: 'regex "PATTERN" from F',
    summary: 'the named groups of a regex matched against F become fields (a first-stage `regex` reads the line)',
    example: 'json | regex "took (?<ms>[0-9]+)ms" from msg | avg(ms)',
  },
  {
    syntax: 'dedupe F, ... [within DUR]',
    summary: 'the first record per key; with `within`, the next one is kept once DUR of event time has passed',
    example: 'json | dedupe alert_id within 10m',
  },
  {
    syntax: 'sort EXPR [asc|desc], ...',
    summary: 'the records of each window (of a bounded input) in order, once it is complete',
    example: 'json | count by route | sort count desc, route',
  },
];

/** Words that cannot be bare field names in expressions (write them in backticks). */
export const EXPR_KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null']);

export const OUTPUT_FORMATS = ['ndjson', 'csv', 'table', 'chart'] as const;

/** `1 argument`, `1 or 2 arguments`, `at least 1 argument`. */
export function describeArity(a: Arity): string {
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  if (a.max === Infinity) return `at least ${plural(a.min)}`;
  if (a.min === a.max) return plural(a.min);
  return `${a.min} or ${plural(a.max)}`;
}
