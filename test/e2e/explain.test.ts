import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-explain-'));

describe('explain', () => {
  it('prints the same --json plan for the query form and the YAML form (SPEC §3)', async () => {
    const yaml = path.join(tmp, 'p.yaml');
    writeFileSync(
      yaml,
      [
        "from: ['logs/*.log']",
        'format: json',
        'time: { field: ts, lag: 5s, idle: 30s }',
        'steps:',
        '  - where: status >= 500',
        '  - eval: { slow: latency_ms > 1000 }',
        '  - window: { sliding: 5m, every: 1m }',
        '  - aggregate: { by: [host], count: count(), users: count_distinct(user) }',
        'to: out/hosts.ndjson',
      ].join('\n'),
    );
    const fromYaml = await runCli(['explain', '--json', '-c', yaml]);
    const fromQuery = await runCli([
      'explain',
      '--json',
      '--from',
      'logs/*.log',
      '--time',
      'ts',
      '--lag',
      '5s',
      '--idle',
      '30s',
      '--to',
      'out/hosts.ndjson',
      'json | where status >= 500 | eval slow = latency_ms > 1000 | window sliding 5m every 1m | count() as count, count_distinct(user) as users by host',
    ]);
    expect(fromYaml.stderr).toBe('');
    expect(fromQuery.stderr).toBe('');
    expect(fromQuery.stdout).toBe(fromYaml.stdout);
    const plan = JSON.parse(fromQuery.stdout) as { plan: { steps: { op: string }[] } };
    expect(plan.plan.steps.map((s) => s.op)).toEqual(['timestamp', 'where', 'eval', 'aggregate']);
  });

  it('shows the logical steps with expressions, and the physical tasks at -p', async () => {
    const res = await runCli(['explain', '-p', '2', 'json | where status >= 500 | window tumbling 1m | count by route']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('status >= 500');
    expect(res.stdout).toMatch(/physical plan \(parallelism 2\)/);
    expect(res.stdout).toMatch(/chain ×2/);
  });
});

describe('explain: the default parallelism of a small input', () => {
  it('without -p a bounded input under 16 MiB runs on one thread, and explain says why; -p is kept as given', async () => {
    const query = 'json | window tumbling 1m | count by route';
    const small = await runCli(['explain', '--from', 'fixtures/access.ndjson', '--time', 'ts', query]);
    expect(small.code).toBe(0);
    expect(small.stdout).toContain('physical plan (parallelism 1; one thread: the input is small (');
    const asked = await runCli(['explain', '-p', '2', '--from', 'fixtures/access.ndjson', '--time', 'ts', query]);
    expect(asked.stdout).toContain('physical plan (parallelism 2)');
    const stdin = await runCli(['explain', '-p', '2', query]);
    expect(stdin.stdout).toContain('physical plan (parallelism 2)');
  });
});
