/**
 * Mutations of valid pipelines for fuzzing: characters and tokens inserted, deleted or replaced,
 * deep nesting, huge numbers, long chains, unicode. Each yields text that a user could type or a
 * tool could generate.
 */
import fc from 'fast-check';

export const SEED_QUERIES = [
  'json | where status >= 500 | select ts, route, status | limit 3',
  'logfmt | where level == "error" | eval svc = lower(service) | select ts, svc, msg | limit 3',
  'nginx | where status >= 500 | count, max(bytes) as biggest by path',
  'json | count, avg(latency_ms), p50(latency_ms), p99(latency_ms) by method',
  'json | time ts lag 5s | window tumbling 1m | count, p95(latency_ms) by status | where status >= 500 | limit 4',
  'json | window sliding 2m every 1m | count_distinct(user) as users by host | where host == "web-1" | limit 3',
  'json | window session 20s | count, sum(bytes) by user | emit every 10s',
  'regex "(?<ip>\\S+) (?<n>\\d+)" | where msg =~ "(?i)^get /api" and not (n in (1, 2.5e3, -4)) | eval y = if(n > 1, "a", `b c`)',
  'csv | time ts format "%Y-%m-%d %H:%M:%S" idle 1m | window count 10 | percentile(x, 0.9) as p, min(name), max(name)',
];

export const SEED_YAML = [
  'from: [fixtures/access.ndjson]\nformat: json\ntime: { field: ts, lag: 5s, idle: 30s }\nsteps:\n  - where: status >= 500\n  - eval: { slow: latency_ms > 1000 }\n  - window: { sliding: 5m, every: 1m }\n  - aggregate: { by: [host], count: count(), users: count_distinct(user) }\nto: out/hosts.ndjson\nstate: { dir: .fstream, interval: 10s }\nparallelism: 2\n',
  'format: { regex: "(?<a>\\\\d+) (?<b>.*)" }\nquery: "where a > 1 | count by b"\nmax_errors: 5\n',
  'format: json\nsteps:\n  - "where x =~ \'^a\' | eval y = x + 1"\n  - select: [y, `z w`]\n  - limit: 10\n',
];

const PIECES = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '`',
  '|',
  ',',
  ':',
  '-',
  '- ',
  '\n',
  '\n  ',
  '\t',
  '\\',
  '#',
  '&',
  '*',
  '!',
  '%',
  '=~',
  '==',
  ' and ',
  ' or ',
  ' not ',
  ' in (',
  'where ',
  'window ',
  'tumbling ',
  'every ',
  'count',
  'by ',
  'as ',
  '1e3',
  '1e400',
  '99999999999999999999',
  '-0',
  '0.5',
  '5m',
  '0s',
  '99999999999999999999d',
  '1ms',
  'null',
  'true',
  '(?<a>x)',
  '\\1',
  '(?=a)',
  '(a+)+$',
  '%L',
  '%Y',
  'é',
  '😀',
  '\u0000',
  '\u202e',
  '\ufeff',
  '\ud800',
];

const piece = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) });

type Mutation = (s: string) => string;

const at = (s: string, f: number): number => Math.floor(f * (s.length + 1));

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), piece).map(
    ([f, p]) =>
      (s: string) =>
        s.slice(0, at(s, f)) + p + s.slice(at(s, f)),
  ),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 12 })).map(
    ([f, n]) =>
      (s: string) =>
        s.slice(0, at(s, f)) + s.slice(at(s, f) + n),
  ),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), piece).map(
    ([f, p]) =>
      (s: string) =>
        s.slice(0, at(s, f)) + p + s.slice(at(s, f) + p.length),
  ),
  fc
    .tuple(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 2, max: 700 }),
      fc.constantFrom(['(', ')'], ['[', ']'], ['{a: ', '}'], ['not ', ''], ['- ', ''], ['lower(', ')']),
    )
    .map(
      ([f, n, [open, close]]) =>
        (s: string) =>
          `${s.slice(0, at(s, f))}${open.repeat(n)}x${close.repeat(n)}${s.slice(at(s, f))}`,
    ),
  fc
    .tuple(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 2, max: 700 }),
      fc.constantFrom(' + a', ' and b', ' | where x', '\n  - where: a', ', c'),
    )
    .map(
      ([f, n, link]) =>
        (s: string) =>
          s.slice(0, at(s, f)) + link.repeat(n) + s.slice(at(s, f)),
    ),
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 2, max: 20 }))
    .map(([f, g, n]) => (s: string) => {
      const [a, b] = [at(s, f), at(s, g)].sort((x, y) => x - y);
      return s.slice(0, b) + s.slice(a, b).repeat(n) + s.slice(b);
    }),
);

/** A seed with one to four mutations applied. */
export function mutated(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([seed, ms]) => ms.reduce((s, m) => m(s), seed));
}
