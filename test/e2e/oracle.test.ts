import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

/**
 * Windowed aggregations over generated access logs, checked against values computed here
 * independently: plain loops, exact quantiles by sorting (numpy's linear interpolation).
 * The generator's disorder is under 3 s, so with --lag 5s no event is late.
 */
interface Ev {
  ts: number;
  host: string;
  route: string;
  user: string;
  status: number;
  latency_ms: number;
  bytes: number;
}

const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-oracle-'));
const file = path.join(tmp, 'access.ndjson');
let events: Ev[] = [];

beforeAll(() => {
  execFileSync(process.execPath, ['bench/gen.mjs', '--lines', '30000', '--seed', '7', '--rate', '50', '--out', file], { cwd: ROOT });
  events = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const r = JSON.parse(l) as Omit<Ev, 'ts'> & { ts: string };
      return { ...r, ts: Date.parse(r.ts) };
    });
});

function exactQuantile(values: number[], q: number): number {
  const v = [...values].sort((a, b) => a - b);
  const h = (v.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return v[lo]! + (v[hi]! - v[lo]!) * (h - lo);
}

async function run(query: string): Promise<Record<string, unknown>[]> {
  const res = await runCli(['--from', file, '--time', 'ts', '--lag', '5s', query], { timeoutMs: 60_000 });
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return res.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const iso = (ms: number): string => new Date(ms).toISOString();

describe('oracle: fstream against an independent computation', () => {
  it('many inputs read at once (3 files over the same hours) give the one-file result at -p 1 and 2', async () => {
    const parts = [0, 1, 2].map((i) => path.join(tmp, `part-${i}.ndjson`));
    const all = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    parts.forEach((p, i) => {
      writeFileSync(p, all.filter((_, j) => j % 3 === i).join('\n') + '\n');
    });
    const query = 'json | window tumbling 1m | count, sum(bytes), p95(latency_ms) by route';
    const one = await run(query);
    for (const p of ['1', '2']) {
      const res = await runCli(['-p', p, '--from', path.join(tmp, 'part-*.ndjson'), '--time', 'ts', '--lag', '5s', query], { timeoutMs: 60_000 });
      expect(res.stderr).toBe('');
      expect(
        res.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as unknown),
      ).toEqual(one);
    }
  });

  it('tumbling 1m by route: count, sum, max exactly; avg to 1e-9; p95 within 1%', async () => {
    const out = await run('json | window tumbling 1m | count, sum(bytes), max(latency_ms), avg(latency_ms), p95(latency_ms) by route');
    const groups = new Map<string, Ev[]>();
    for (const e of events) {
      const start = e.ts - (e.ts % 60_000);
      const k = `${iso(start)}|${e.route}`;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(e);
    }
    expect(out).toHaveLength(groups.size);
    for (const r of out) {
      const g = groups.get(`${r.window_start as string}|${r.route as string}`)!;
      expect(g, JSON.stringify(r)).toBeDefined();
      const lat = g.map((e) => e.latency_ms);
      expect(r.count).toBe(g.length);
      expect(r.sum_bytes).toBe(g.reduce((s, e) => s + e.bytes, 0));
      expect(r.max_latency_ms).toBe(Math.max(...lat));
      expect(r.avg_latency_ms as number).toBeCloseTo(lat.reduce((s, x) => s + x, 0) / lat.length, 9);
      const p95 = exactQuantile(lat, 0.95);
      expect(Math.abs((r.p95_latency_ms as number) - p95)).toBeLessThanOrEqual(Math.abs(p95) * 0.01 + 1e-12);
    }
  });

  it('sliding 5m every 1m by host: exact distinct users', async () => {
    const out = await run('json | window sliding 5m every 1m | count_distinct(user) as users by host');
    const sets = new Map<string, Set<string>>();
    for (const e of events) {
      const last = e.ts - (e.ts % 60_000);
      for (let s = last; s > e.ts - 300_000; s -= 60_000) {
        const k = `${iso(s)}|${e.host}`;
        let set = sets.get(k);
        if (!set) sets.set(k, (set = new Set()));
        set.add(e.user);
      }
    }
    expect(out).toHaveLength(sets.size);
    for (const r of out) expect(r.users).toBe(sets.get(`${r.window_start as string}|${r.host as string}`)!.size);
  });

  it("session 30s by user: the same sessions as sorting each user's events", async () => {
    const out = await run('json | window session 30s | count by user');
    const byUser = new Map<string, number[]>();
    for (const e of events) {
      let l = byUser.get(e.user);
      if (!l) byUser.set(e.user, (l = []));
      l.push(e.ts);
    }
    const expected: string[] = [];
    for (const [user, tss] of byUser) {
      tss.sort((a, b) => a - b);
      let start = tss[0]!;
      let end = start + 30_000;
      let n = 0;
      for (const t of tss) {
        if (t > end) {
          expected.push(`${user}|${iso(start)}|${iso(end)}|${n}`);
          start = t;
          n = 0;
        }
        end = Math.max(end, t + 30_000);
        n++;
      }
      expected.push(`${user}|${iso(start)}|${iso(end)}|${n}`);
    }
    const got = out.map((r) => `${r.user as string}|${r.window_start as string}|${r.window_end as string}|${r.count as number}`);
    expect(got.sort()).toEqual(expected.sort());
  });
});
