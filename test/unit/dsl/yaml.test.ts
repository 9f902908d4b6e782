import { describe, expect, test } from 'vitest';
import { compileQuery, compileYaml } from '../../../src/dsl/compile.js';
import { positionOf } from '../../../src/dsl/source.js';
import { readYaml } from '../../../src/dsl/yaml-reader.js';
import type { Diagnostic } from '../../../src/dsl/diagnostic.js';
import { spanText, yamlErrors } from './helpers.js';

const where = (d: Diagnostic) => {
  const p = positionOf(d.source!, d.span!.start);
  return `${d.source!.name}:${p.line}:${p.col}`;
};

describe('YAML reader', () => {
  test('reads options, format, time and steps', () => {
    const text = [
      "from: ['a.log', 'b/*.log']",
      'follow: true',
      'format: logfmt',
      'time: { field: ts, format: "%s", lag: 5s, idle: 30s }',
      'steps:',
      '  - where: status >= 500',
      '  - eval: { slow: latency_ms > 1000, b: lower(x) }',
      '  - select: [a, http.status]',
      '  - drop: "x, y"',
      '  - window: { sliding: 5m, every: 1m }',
      '  - aggregate: { by: [host], count: count(), users: count_distinct(user) }',
      '  - emit: { every: 10s }',
      '  - limit: 5',
      'to: out.ndjson',
      'output: csv',
      'state: { dir: .fstream, interval: 10s }',
      'parallelism: 2',
      'errors: bad.ndjson',
      'max_errors: 10',
      'late: late.ndjson',
      'exactly_once: true',
      'no_drain: true',
      's3: { endpoint: "http://127.0.0.1:9000", poll: 30s }',
    ].join('\n');
    const { ast, bag } = readYaml('p.yaml', text);
    expect(bag.items).toEqual([]);
    expect(ast.stages.map((s) => s.kind)).toEqual(['format', 'time', 'where', 'eval', 'select', 'drop', 'window', 'aggregate', 'emit', 'limit']);
    const o = ast.options;
    expect([
      o.from?.value,
      o.follow?.value,
      o.to?.value,
      o.output?.value,
      o.stateDir?.value,
      o.checkpointIntervalMs?.value,
      o.parallelism?.value,
      o.errors?.value,
      o.maxErrors?.value,
      o.late?.value,
      o.exactlyOnce?.value,
      o.noDrain?.value,
      o.s3Endpoint?.value,
      o.s3PollMs?.value,
    ]).toEqual([
      ['a.log', 'b/*.log'],
      true,
      'out.ndjson',
      'csv',
      '.fstream',
      10_000,
      2,
      'bad.ndjson',
      10,
      'late.ndjson',
      true,
      true,
      'http://127.0.0.1:9000',
      30_000,
    ]);
    // Expression spans point into the YAML text.
    const w = ast.stages[2]!;
    if (w.kind !== 'where') throw new Error('shape');
    expect(text.slice(w.expr.span.start, w.expr.span.end)).toBe('status >= 500');
    const agg = ast.stages[7]!;
    if (agg.kind !== 'aggregate') throw new Error('shape');
    expect(agg.aggs.map((a) => [a.alias?.name, a.fn.name, text.slice(a.fn.span.start, a.fn.span.end)])).toEqual([
      ['count', 'count', 'count'],
      ['users', 'count_distinct', 'count_distinct'],
    ]);
  });

  test('`top` and `sort` steps give the plan the query gives', () => {
    const yaml = compileYaml(
      'p.yaml',
      'format: json\nsteps:\n  - aggregate: count by route\n  - top: 2 by route order by count desc\n  - sort: route desc\n',
      {},
    );
    const query = compileQuery('json | count by route | top 2 by route order by count desc | sort route desc', {});
    const strip = (steps: unknown[]): unknown[] => steps.map((s) => ({ ...(s as object), origin: undefined }));
    expect(strip(yaml.plan.steps)).toEqual(strip(query.plan.steps));
    expect(yaml.plan.steps.filter((s) => s.op === 'order')).toHaveLength(2);
  });

  test('steps written as strings and the string forms of values', () => {
    const { ast, bag } = readYaml(
      'p.yaml',
      [
        'format: { regex: "(?<a>\\\\d+)" }',
        'time: ts lag 1s',
        'steps:',
        '  - "where x > 1 | limit 3"',
        '  - window: sliding 5m every 1m',
        '  - aggregate: count() as n by host',
        '  - emit: every 5s',
      ].join('\n'),
    );
    expect(bag.items).toEqual([]);
    expect(ast.stages.map((s) => s.kind)).toEqual(['format', 'time', 'where', 'limit', 'window', 'aggregate', 'emit']);
    expect(ast.stages[0]).toMatchObject({ format: 'regex', pattern: '(?<a>\\d+)' });
  });

  test('an error in an expression points at its line and column in the YAML file', () => {
    const ds = yamlErrors('format: json\nsteps:\n  - where: status >= 500\n  - eval: { y: lowr(x) }\n');
    expect(ds.map((d) => [d.message, where(d), spanText(d), d.help])).toEqual([
      ['unknown function `lowr`', 'pipeline.yaml:4:16', 'lowr', ['did you mean `lower`?']],
    ]);
  });

  test('query: spans are offset into the YAML (quoted, plain and block scalars)', () => {
    expect(yamlErrors('query: "json | wher x"').map(where)).toEqual(['pipeline.yaml:1:16']);
    expect(yamlErrors('query: json | wher x').map(where)).toEqual(['pipeline.yaml:1:15']);
    const block = yamlErrors('query: |\n  json\n  | where x\n  | wher y\n');
    expect(block.map((d) => [where(d), spanText(d)])).toEqual([['pipeline.yaml:4:5', 'wher']]);
    const escaped = yamlErrors('query: "json | where a == \\"x\\" | wher y"');
    expect(escaped.map(spanText)).toEqual(['wher']);
  });

  test('unknown keys get did-you-mean at every level', () => {
    const ds = yamlErrors('fromm: a.log\nsteps:\n  - wher: x\n  - window: { tumbing: 1m }\nstate: { dirr: x }\n');
    expect(ds.map((d) => [d.message, where(d), d.help])).toEqual([
      ['unknown key `fromm`', 'pipeline.yaml:1:1', ['did you mean `from`?']],
      ['unknown step `wher`', 'pipeline.yaml:3:5', ['did you mean `where`?']],
      ['unknown key `tumbing` in `window`', 'pipeline.yaml:4:15', ['did you mean `tumbling`?']],
      ['unknown key `dirr` in `state`', 'pipeline.yaml:5:10', ['did you mean `dir`?']],
    ]);
  });

  test('YAML syntax errors point at the YAML position', () => {
    const ds = yamlErrors('format: json\nsteps: [\n  - where: x\n');
    expect(ds.length).toBeGreaterThan(0);
    for (const d of ds) {
      expect(d.source!.name).toBe('pipeline.yaml');
      expect(positionOf(d.source!, d.span!.start).line).toBeGreaterThan(1);
      expect(d.message).not.toMatch(/at line/);
    }
    const [bad] = yamlErrors('format: json\nformat: csv\n');
    expect([bad!.message, where(bad!)]).toEqual(['Map keys must be unique', 'pipeline.yaml:2:1']);
  });

  test.each([
    ['- json', 'a pipeline file is a YAML mapping, like `format: json` and `steps: [...]`'],
    ['follow: yes', '`follow` must be `true` or `false`'],
    ['parallelism: 0', '`parallelism` must be an integer from 1 to 64'],
    ['parallelism: 65', '`parallelism` must be an integer from 1 to 64'],
    ['output: tabel', 'unknown output format `tabel`'],
    ['format: jsn', 'unknown format `jsn`'],
    ['time: { field: ts, lag: 5 }', '`5` needs a unit'],
    ['time: { lag: 5s }', '`time` needs `field`'],
    ['steps: { where: x }', '`steps` is a list, like `- where: status >= 500`'],
    ['steps:\n  - { where: x, limit: 1 }', 'a step is a map with one key, like `- where: status >= 500`'],
    ['steps:\n  - json: true', 'unknown step `json`'],
    ['steps: []\nquery: json', 'give either `steps` or `query`, not both'],
    ['steps:\n  - window: { sliding: 5m }\n  - count: count', '`sliding` window needs `every`'],
    ['steps:\n  - aggregate: { by: host }', '`aggregate` needs at least one output, like `count: count()`'],
    ['a: &x 1\nb: *x', 'YAML aliases are not supported in pipeline files'],
  ])('%j → %s', (text, message) => {
    expect(
      yamlErrors(text)
        .map((d) => d.message)
        .join('\n'),
    ).toContain(message);
  });

  test('checker errors in YAML pipelines point into the file', () => {
    const ds = yamlErrors('steps:\n  - window: { tumbling: 1m }\n  - where: x\n');
    expect(ds.map((d) => [d.message, where(d)])).toEqual([['`window` must be followed by an aggregation', 'pipeline.yaml:2:5']]);
  });

  test('command-line options win over the file', () => {
    const text = 'from: a.log\nformat: logfmt\ntime: { field: ts, lag: 5s }\noutput: csv\nsteps:\n  - where: x\n';
    const { plan } = compileYaml('p.yaml', text, { from: ['b.log'], format: 'json', lag: '1s', output: 'table', follow: true });
    expect(plan.input).toEqual({ from: ['b.log'], follow: true });
    expect(plan.format).toEqual({ kind: 'json' });
    expect(plan.time).toEqual({ kind: 'event', field: ['ts'], lagMs: 1000 });
    expect(plan.output).toEqual({ format: 'table' });
    const t2 = compileYaml('p.yaml', text, { time: 'other' }).plan.time;
    expect(t2).toEqual({ kind: 'event', field: ['other'], lagMs: 5000 });
  });
});
