import { describe, expect, test } from 'vitest';
import { compileQuery, compileYaml } from '../../../src/dsl/compile.js';
import { explainText, planJson } from '../../../src/dsl/explain.js';
import type { Plan } from '../../../src/plan/types.js';

const SPEC_YAML = `from: ['logs/*.log']
follow: true
format: json
time: { field: ts, lag: 5s, idle: 30s }
steps:
  - where: status >= 500
  - eval: { slow: latency_ms > 1000 }
  - window: { sliding: 5m, every: 1m }
  - aggregate: { by: [host], count: count(), users: count_distinct(user) }
to: out/hosts.ndjson
state: { dir: .fstream, interval: 10s }
parallelism: 2
`;
const SPEC_QUERY =
  'json | where status >= 500 | eval slow = latency_ms > 1000 | window sliding 5m every 1m | count() as count, count_distinct(user) as users by host';
const SPEC_FLAGS = { from: ['logs/*.log'], follow: true, time: 'ts', lag: '5s', idle: '30s', to: 'out/hosts.ndjson' };

const json = (p: Plan) => JSON.stringify(planJson(p), null, 2);
const aggOf = (q: string) => {
  const step = compileQuery(q, {}).plan.steps.find((s) => s.op === 'aggregate');
  if (step?.op !== 'aggregate') throw new Error('no aggregate');
  return step;
};

describe('plan', () => {
  test('the SPEC §3 YAML and its query-string form give the same plan', () => {
    const fromYaml = compileYaml('pipeline.yaml', SPEC_YAML, {}).plan;
    const fromQuery = compileQuery(SPEC_QUERY, SPEC_FLAGS).plan;
    expect(json(fromYaml)).toBe(json(fromQuery));
    expect(planJson(fromQuery)).toEqual({
      version: 1,
      input: { from: ['logs/*.log'], follow: true },
      format: { kind: 'json' },
      time: { kind: 'event', field: ['ts'], lagMs: 5000, idleMs: 30_000 },
      steps: [
        { op: 'timestamp', time: { kind: 'event', field: ['ts'], lagMs: 5000, idleMs: 30_000 } },
        { op: 'where', expr: { kind: 'binary', op: '>=', left: { kind: 'field', path: ['status'] }, right: { kind: 'literal', value: 500 } } },
        {
          op: 'eval',
          assign: [{ name: 'slow', expr: { kind: 'binary', op: '>', left: { kind: 'field', path: ['latency_ms'] }, right: { kind: 'literal', value: 1000 } } }],
        },
        {
          op: 'aggregate',
          window: { kind: 'sliding', sizeMs: 300_000, slideMs: 60_000 },
          wholeInput: false,
          by: [['host']],
          byNames: ['host'],
          aggs: [
            { fn: 'count', as: 'count' },
            { fn: 'count_distinct', arg: { kind: 'field', path: ['user'] }, as: 'users' },
          ],
        },
      ],
      output: { to: 'out/hosts.ndjson' },
      fieldsRead: ['host', 'latency_ms', 'status', 'ts', 'user'],
    });
  });

  test('a YAML `query:` gives the same plan as `steps:`', () => {
    const q = SPEC_YAML.replace(/steps:[\s\S]*?(?=to:)/, `query: "${SPEC_QUERY.replace('json | ', '')}"\n`);
    expect(json(compileYaml('p.yaml', q, {}).plan)).toBe(json(compileYaml('p.yaml', SPEC_YAML, {}).plan));
  });

  test('origins say where each step was written', () => {
    const yaml = compileYaml('pipeline.yaml', SPEC_YAML, {}).plan;
    expect(yaml.steps.map((s) => s.origin)).toEqual([
      { source: 'pipeline.yaml', line: 4, col: 1 },
      { source: 'pipeline.yaml', line: 6, col: 5 },
      { source: 'pipeline.yaml', line: 7, col: 5 },
      { source: 'pipeline.yaml', line: 9, col: 5 },
    ]);
    const q = compileQuery(SPEC_QUERY, SPEC_FLAGS).plan;
    expect(q.steps[0]!.origin).toEqual({ source: '<option --time>', line: 1, col: 1 });
    expect(q.steps[1]!.origin).toEqual({ source: '<query>', line: 1, col: 8 });
  });

  test('defaults: stdin, json, processing time, whole-input aggregation', () => {
    const { plan } = compileQuery('count by host', {});
    expect(plan.input).toEqual({ from: ['-'], follow: false });
    expect(plan.format).toEqual({ kind: 'json' });
    expect(plan.time).toEqual({ kind: 'processing' });
    expect(plan.steps).toEqual([
      {
        op: 'aggregate',
        window: { kind: 'global' },
        wholeInput: true,
        by: [['host']],
        byNames: ['host'],
        aggs: [{ fn: 'count', as: 'count' }],
        origin: { source: '<query>', line: 1, col: 1 },
      },
    ]);
  });

  test('default aggregate names and percentiles', () => {
    const a = aggOf(
      'count, avg(latency_ms), p95(latency_ms), count_distinct(user), percentile(latency_ms, 0.95) as p, percentile(http.latency_ms, 0.5), sum(bytes * 2), p50(x) by http.host',
    );
    expect(a.aggs.map((x) => [x.fn, x.q, x.as])).toEqual([
      ['count', undefined, 'count'],
      ['avg', undefined, 'avg_latency_ms'],
      ['percentile', 0.95, 'p95_latency_ms'],
      ['count_distinct', undefined, 'count_distinct_user'],
      ['percentile', 0.95, 'p'],
      ['percentile', 0.5, 'percentile_http_latency_ms'],
      ['sum', undefined, 'sum_bytes_2'],
      ['percentile', 0.5, 'p50_x'],
    ]);
    expect(aggOf('count(), count(x)').aggs.map((x) => x.as)).toEqual(['count', 'count_x']);
    expect(a.byNames).toEqual(['host']);
    expect(a.by).toEqual([['http', 'host']]);
  });

  test('window kinds, emit, limit and time stages', () => {
    expect(aggOf('window tumbling 1m | count').window).toEqual({ kind: 'tumbling', sizeMs: 60_000 });
    expect(aggOf('window session 30s | count').window).toEqual({ kind: 'session', gapMs: 30_000 });
    expect(aggOf('window count 10 | count').window).toEqual({ kind: 'count', size: 10 });
    const g = aggOf('window global | count | emit every 10s');
    expect([g.window, g.wholeInput, g.emitEveryMs]).toEqual([{ kind: 'global' }, false, 10_000]);
    const { plan } = compileQuery('logfmt | time t format "%H" lag 2s | where x | limit 3', {});
    expect(plan.time).toEqual({ kind: 'event', field: ['t'], format: '%H', lagMs: 2000 });
    expect(plan.steps.map((s) => s.op)).toEqual(['timestamp', 'where', 'limit']);
    expect(compileQuery('time ingestion', {}).plan.time).toEqual({ kind: 'ingestion' });
    expect(compileQuery('', { format: 'regex:(?<a>.*)' }).plan.format).toEqual({ kind: 'regex', pattern: '(?<a>.*)' });
  });

  test('--time goes right after the format stage', () => {
    const { plan } = compileQuery('nginx | where status > 1', { time: 'time', timeFormat: '%d/%b/%Y' });
    expect(plan.format).toEqual({ kind: 'nginx' });
    expect(plan.steps[0]).toMatchObject({ op: 'timestamp', time: { kind: 'event', field: ['time'], format: '%d/%b/%Y', lagMs: 0 } });
  });

  test('fieldsRead', () => {
    const fr = (q: string) => compileQuery(q, {}).plan.fieldsRead;
    expect(fr('json')).toBeNull();
    expect(fr('where a > 1')).toBeNull();
    expect(fr('where a > 1 | drop b')).toBeNull();
    expect(fr('where a > 1 | select b, c.d')).toEqual(['a', 'b', 'c']);
    expect(fr('eval x = y + 1 | select x')).toEqual(['y']);
    expect(fr('eval x = y + 1 | where x > 2 and z | count by w')).toEqual(['w', 'y', 'z']);
    expect(fr('count')).toEqual([]);
    expect(fr('time ts | sum(bytes) by host | where count > 1')).toEqual(['bytes', 'host', 'ts']);
  });

  test('planJson leaves out every origin and nothing else', () => {
    const { plan } = compileQuery(SPEC_QUERY, SPEC_FLAGS);
    expect(JSON.stringify(plan)).toContain('"origin"');
    expect(JSON.stringify(planJson(plan))).not.toContain('"origin"');
    const noOrigins = JSON.parse(JSON.stringify(plan), (k, v) => (k === 'origin' ? undefined : v));
    expect(planJson(plan)).toEqual(noOrigins);
  });

  test('explainText', () => {
    const { plan } = compileQuery(SPEC_QUERY, SPEC_FLAGS);
    expect(explainText(plan)).toBe(
      [
        '1. source: logs/*.log (follow)',
        '2. decode: json (fields host, latency_ms, status, ts, user)',
        '3. time: event time from ts, watermark lag 5s, idle 30s',
        '4. where status >= 500',
        '5. eval slow = latency_ms > 1000',
        '6. aggregate (window sliding 5m every 1m): count() as count, count_distinct(user) as users by host',
        '7. sink: out/hosts.ndjson',
        '',
      ].join('\n'),
    );
    expect(explainText(compileQuery('where a in (1, 2) | limit 5', {}).plan)).toContain('3. time: processing time\n4. where a in (1, 2)\n5. limit 5');
  });
});
