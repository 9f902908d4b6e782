import { describe, expect, test } from 'vitest';
import { compileQuery } from '../../../src/dsl/compile.js';
import { queryErrors, spanText } from './helpers.js';

const msgs = (q: string) => queryErrors(q).map((d) => d.message);

describe('checker', () => {
  test('collects every error at once, in text order', () => {
    const ds = queryErrors('json | wher status > 5 | eval y = lowr(x), z = lower(1, 2) | window tumbling 0s | count, avgg(x) by host');
    expect(ds.map((d) => [d.message, spanText(d), d.help])).toEqual([
      ['unknown stage `wher`', 'wher', ['did you mean `where`?']],
      ['unknown function `lowr`', 'lowr', ['did you mean `lower`?']],
      ['`lower` takes 1 argument, but 2 were given', 'lower(1, 2)', []],
      ['the window size must be longer than 0s', '0s', []],
      ['unknown aggregate function `avgg`', 'avgg', ['did you mean `avg`?']],
    ]);
  });

  test('unknown stage without a close match lists the stages', () => {
    const [d] = queryErrors('json | frobnicate');
    expect(d!.message).toBe('unknown stage `frobnicate`');
    expect(d!.help[0]).toMatch(/^stages are: json, logfmt/);
  });

  test('function arities', () => {
    expect(() => compileQuery('where round(x) > 1 and round(x, 2) > 1 and coalesce(a, b, c) and if(a, b, c)', {})).not.toThrow();
  });

  test.each([
    ['where round(x, 1, 2)', '`round` takes 1 or 2 arguments, but 3 were given'],
    ['where coalesce()', '`coalesce` takes at least 1 argument, but 0 were given'],
    ['where if(a, b)', '`if` takes 3 arguments, but 2 were given'],
    ['where contains(a)', '`contains` takes 2 arguments, but 1 was given'],
    ['where sum(x) > 1', 'the aggregate `sum` cannot be used in an expression'],
    ['where a =~ b', 'the right side of `=~` must be a string with a regular expression'],
    ['where a =~ "(unclosed"', 'invalid regular expression: Unterminated group'],
    ['regex "(\\d+)"', 'the regex format needs named groups: they become the fields'],
    ['regex "(?<a>x"', 'invalid regular expression: Unterminated group'],
    ['where x | json', 'the format must be the first stage'],
    ['json | logfmt', 'the format is given twice'],
    ['window tumbling 1m', '`window` must be followed by an aggregation'],
    ['window tumbling 1m | where x', '`window` must be followed by an aggregation'],
    ['emit every 1s', '`emit` needs an aggregation before it'],
    ['count | where x | emit every 1s', '`emit` must come right after the aggregation'],
    ['count | time ts', '`time` must come before the aggregation'],
    ['time ts | time ts2', 'the event time is given twice'],
    ['count | window tumbling 1m', '`window` must be followed by an aggregation'],
    ['window tumbling 1m | count by ip | emit every 1s | emit every 2s | count', '`emit` is given twice'],
    ['window tumbling 1m | window tumbling 2m | count', 'the window is given twice'],
    ['window tumbling 1m | limit 5 | count', '`limit` cannot stand between `window` and the aggregation'],
    ['count, sum(x) as count', 'the output name `count` is used twice'],
    ['avg(x), avg(x)', 'the output name `avg_x` is used twice'],
    ['count by host, a.host', 'the output name `host` is used twice'],
    ['percentile(x, 101)', 'the quantile `101` is out of range'],
    ['percentile(x, 95)', 'the quantile `95` is out of range'],
    ['percentile(x, 2)', 'the quantile `2` is out of range'],
    ['percentile(x, 1.5)', 'the quantile `1.5` is out of range'],
    ['percentile(x, -0.5)', 'the quantile `-0.5` is out of range'],
    ['percentile(x, q)', 'the quantile must be a number'],
    ['sum()', '`sum` takes 1 argument, but 0 were given'],
    ['lower(x) by host', '`lower` is not an aggregate function'],
    ['window sliding 1m every 5m | count', 'the slide is longer than the window: some events would fall in no window'],
    ['window sliding 5m every 0s | count', 'the slide must be longer than 0s'],
    ['window session 0ms | count', 'the session gap must be longer than 0s'],
    ['window count 0 | count', 'the window count must be a whole number from 1 to 9007199254740991, not `0`'],
    ['window count 1.5 | count', 'the window count must be a whole number from 1 to 9007199254740991, not `1.5`'],
    ['limit 0', 'the limit must be a whole number from 1 to 9007199254740991, not `0`'],
    ['count | emit every 0s', 'the emit interval must be longer than 0s'],
    ['time ts idle 0s', '`idle` must be longer than 0s'],
  ])('%j → %s', (q, message) => {
    expect(msgs(q)).toEqual([message]);
  });

  test('valid pipelines compile', () => {
    for (const q of [
      '',
      'json',
      'regex "(?<ip>\\S+) (?<rest>.*)"',
      'logfmt | where level == "error" | eval svc = lower(service) | select ts, svc, msg',
      'json | window sliding 10m every 3m | count',
      'json | window tumbling 1m | where x | eval y = 1 | emit every 5s | count by y',
      'json | count by route | emit every 10s | where count > 5 | limit 3',
      'percentile(x, 0.95), percentile(x, 0) as p0, percentile(x, 1) as p100, p99(x), count(x), first(x), last(x), min(x), max(x), approx_count_distinct(u)',
      'where msg =~ "(?i)error"',
      'time ingestion | window tumbling 1s | count',
    ]) {
      expect(() => compileQuery(q, {}), q).not.toThrow();
    }
  });

  test('a broken stage does not cause "missing aggregation" noise', () => {
    expect(msgs('window tumbling 1m | cuont by host')).toEqual(['unknown stage `cuont`']);
    expect(queryErrors('window tumbling 1m | cuont by host')[0]!.help).toEqual(['did you mean `count`?']);
  });
});
