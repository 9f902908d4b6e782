import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const GEN = fileURLToPath(new URL('../../../bench/gen.mjs', import.meta.url));
const run = (...args: string[]): string => execFileSync(process.execPath, [GEN, ...args], { encoding: 'latin1', maxBuffer: 64 << 20 });
const sha = (s: string) => createHash('sha256').update(s, 'latin1').digest('hex');

describe('bench/gen.mjs', () => {
  const out = run('--lines', '1000', '--seed', '1');
  const lines = out.split('\n').slice(0, -1);

  it('is deterministic: same seed, same bytes; another seed, other bytes', () => {
    expect(sha(run('--lines', '1000', '--seed', '1'))).toBe(sha(out));
    expect(sha(run('--lines', '1000', '--seed', '2'))).not.toBe(sha(out));
  });

  it('writes --lines NDJSON access-log lines with the documented fields', () => {
    expect(lines).toHaveLength(1000);
    expect(out.endsWith('\n')).toBe(true);
    const hosts = new Set<string>();
    for (const l of lines) {
      const r = JSON.parse(l) as Record<string, unknown>;
      expect(Object.keys(r)).toEqual(['ts', 'host', 'route', 'method', 'status', 'latency_ms', 'bytes', 'user', 'ua']);
      expect(r.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(new Date(r.ts as string).toISOString()).toBe(r.ts);
      expect(r.host).toMatch(/^web-\d\d$/);
      expect(r.route).toMatch(/^\//);
      expect(['GET', 'POST', 'PUT', 'DELETE']).toContain(r.method);
      expect(Number.isInteger(r.status)).toBe(true);
      expect(typeof r.latency_ms).toBe('number');
      expect(Number.isInteger(r.bytes)).toBe(true);
      expect(r.user).toMatch(/^u\d+$/);
      expect(typeof r.ua).toBe('string');
      expect(l.length).toBeGreaterThanOrEqual(190);
      expect(l.length).toBeLessThanOrEqual(260);
      hosts.add(r.host as string);
    }
    const mean = out.length / lines.length;
    expect(mean).toBeGreaterThan(200);
    expect(mean).toBeLessThan(245);
    expect(hosts.size).toBeGreaterThan(10);
  });

  it('is mostly 2xx with a few 5xx, and ~1000 events/s with at most 3 s of disorder', () => {
    const recs = lines.map((l) => JSON.parse(l) as { ts: string; status: number });
    const share = (p: (s: number) => boolean) => recs.filter((r) => p(r.status)).length / recs.length;
    expect(share((s) => s >= 200 && s < 300)).toBeGreaterThan(0.85);
    expect(share((s) => s >= 500)).toBeGreaterThan(0.005);
    expect(share((s) => s >= 500)).toBeLessThan(0.08);
    const ts = recs.map((r) => Date.parse(r.ts));
    let max = Number.NEGATIVE_INFINITY;
    let outOfOrder = 0;
    for (const t of ts) {
      if (t < max) outOfOrder++;
      expect(max - t).toBeLessThan(3000);
      max = Math.max(max, t);
    }
    expect(outOfOrder).toBeGreaterThan(0);
    const start = Date.parse('2026-03-01T10:00:00.000Z');
    expect(max).toBeGreaterThan(start + 900); // 1000 events ≈ 1 s of event time
    expect(max).toBeLessThan(start + 1000);
  });

  it('--size stops at the first line end past the size', () => {
    const s = run('--size', '10KB', '--seed', '3');
    expect(s.length).toBeGreaterThanOrEqual(10 * 1024);
    expect(s.length).toBeLessThan(10 * 1024 + 300);
    expect(s.endsWith('\n')).toBe(true);
  });

  it('--format nginx writes the same events as combined log lines', () => {
    const ng = run('--lines', '1000', '--seed', '1', '--format', 'nginx').split('\n').slice(0, -1);
    expect(ng).toHaveLength(1000);
    const clf =
      /^(\S+) - (u\d+) \[(\d\d)\/(\w{3})\/(\d{4}):(\d\d:\d\d:\d\d) \+0000\] "(\w+) (\S+) HTTP\/1\.1" (\d{3}) (\d+) "-" "([^"]*)" rt=(\d+\.\d{3}) host=(web-\d\d)$/;
    ng.forEach((l, i) => {
      const m = clf.exec(l);
      expect(m, l).not.toBeNull();
      const j = JSON.parse(lines[i]!) as Record<string, string | number>;
      expect(m![2]).toBe(j.user);
      expect(m![7]).toBe(j.method);
      expect(Number(m![9])).toBe(j.status);
      expect(Number(m![10])).toBe(j.bytes);
      expect(m![11]).toBe(j.ua);
      expect(m![13]).toBe(j.host);
      expect(`${m![6]}`).toBe((j.ts as string).slice(11, 19));
      const route = j.route as string;
      expect(m![8]!.startsWith(route.split(':id')[0]!)).toBe(true);
    });
  });
});
