import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { startS3Server, type S3Server } from '../support/s3.js';
import { accessLine, s3Env } from '../support/s3-data.js';
import { faults, startFaultProxy, type FaultProxy } from '../support/s3-proxy.js';
import { runWithKills, uninterrupted } from './harness.js';

/**
 * Kill -9 at random moments while a job reads a prefix of a few large objects (plain and gzip)
 * from S3, restart, and compare with an uninterrupted run over the same prefix: file output is
 * exactly-once (README "Reading from S3": a plain object is read on from its checkpointed offset
 * with a Range request, a gzip object is read again from its start and decompressed up to it).
 *
 * The CLI talks to s3rver through the fault proxy, which records every request and holds every
 * object's body for a moment part-way (`stallAfter`), so that checkpoints are taken, and kills
 * land, in the middle of objects. After each kill `fstream state show` tells which objects the
 * checkpoint holds part-read; the test asserts that restarts did resume mid-object, plain (the
 * proxy saw the Range request at exactly the checkpointed offset) and gzip. Kills also land while a
 * restarted run is still looking up the objects it resumes (a HEAD each): a checkpoint taken then
 * must still hold them.
 *
 * `npm test` runs a few kills; `npm run test:recovery` (FSTREAM_RECOVERY_FULL=1) many more.
 */
const FULL = process.env.FSTREAM_RECOVERY_FULL === '1';
const KILLS = FULL ? 12 : 3;
const BUCKET = 'recovery';
const PREFIX = 'logs/2026/11';
/** Four objects, plain and gzip in turn, of LINES lines each (~86 bytes a line: ~3.4 MB an object uncompressed). */
const OBJECTS = 4;
const LINES = 40_000;
/**
 * Where each object's body is held, and for how long: past two of the reader's 1 MiB chunks (a
 * checkpoint holds the position after the last whole chunk handed on), ~2.2 MB of 3.4 MB
 * (gzip: compressed bytes, ~9 to 1 here).
 */
const PLAIN_STALL_AT = 2_200_000;
const GZIP_STALL_AT = 240_000;
const STALL_MS = 1_500;

let server: S3Server;
let proxy: FaultProxy;
let env: Record<string, string>;
const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-s3-recovery-'));
/** Key → uncompressed size (the offsets a checkpoint holds are in uncompressed bytes). */
const sizes = new Map<string, number>();
const isGzip = (key: string): boolean => key.endsWith('.gz');

beforeAll(async () => {
  server = await startS3Server();
  await server.bucket(BUCKET);
  const start = Date.UTC(2026, 10, 1);
  const entries: [string, Buffer][] = [];
  let n = 0;
  for (let i = 0; i < OBJECTS; i++) {
    const gzip = i % 2 === 1;
    const key = `${PREFIX}/part-${String(i).padStart(3, '0')}.ndjson${gzip ? '.gz' : ''}`;
    // One event a second, in key order across objects: no event is ever late, whatever is read when.
    let text = '';
    for (let j = 0; j < LINES; j++, n++) text += `${accessLine(n, start + n * 1000)}\n`;
    sizes.set(key, Buffer.byteLength(text));
    entries.push([key, gzip ? gzipSync(text) : Buffer.from(text)]);
  }
  await server.putMany(BUCKET, entries);
  proxy = await startFaultProxy(server.port);
  proxy.addFault(faults.stallAfter(PLAIN_STALL_AT, STALL_MS), { times: Infinity, when: (r) => r.kind === 'GetObject' && !isGzip(r.key!) });
  proxy.addFault(faults.stallAfter(GZIP_STALL_AT, STALL_MS), { times: Infinity, when: (r) => r.kind === 'GetObject' && isGzip(r.key!) });
  env = { ...s3Env(server), AWS_ENDPOINT_URL: proxy.endpoint };
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const sorted = (lines: string[]): string[] => [...lines].sort();

/** An object a checkpoint holds part-read: the restart resumes it at `offset`. */
interface PartRead {
  key: string;
  offset: number;
}

/** The objects the latest checkpoint in `stateDir` holds part-read (none if no checkpoint was committed yet). */
async function partRead(stateDir: string): Promise<PartRead[]> {
  const show = await runCli(['state', 'show', stateDir], { timeoutMs: 60_000 });
  const found: PartRead[] = [];
  for (const m of show.stdout.matchAll(/^input s3:\/\/([^/]+)\/(\S+): offset (\d+),/gm)) {
    const key = m[2]!;
    const offset = Number(m[3]);
    expect(m[1]).toBe(BUCKET);
    expect(sizes.has(key), `checkpoint holds an unknown key ${key}`).toBe(true);
    if (offset > 0 && offset < sizes.get(key)!) found.push({ key, offset });
  }
  return found;
}

interface Scenario {
  name: string;
  query: string[];
  /** Output lines of the uninterrupted run. */
  lines: number;
  /**
   * A keyed pipeline reads 4 objects at once, so every kill after the first checkpoint finds plain and gzip
   * objects part-read; a pass-through one reads them one at a time (in key order), and a kill finds one of them.
   */
  bothKinds: boolean;
}

const scenarios: Scenario[] = [
  {
    name: 'windowed aggregation (event time)',
    query: ['--time', 'ts', 'json | window tumbling 10m | count, sum(bytes), count_distinct(user) by status'],
    // 160,000 events a second apart: 267 ten-minute windows, 4 statuses.
    lines: Math.ceil((OBJECTS * LINES) / 600) * 4,
    bothKinds: true,
  },
  { name: 'pass-through', query: ['json | select ts, status, route, bytes'], lines: OBJECTS * LINES, bothKinds: false },
];

describe('recovery: SIGKILL while reading large S3 objects, then restart', () => {
  for (const { name, query, lines, bothKinds } of scenarios) {
    it(
      `${name} at -p 2, plain and gzip objects: every episode's output equals the uninterrupted run's`,
      async () => {
        const from = ['-p', '2', '--from', `s3://${BUCKET}/${PREFIX}/`];
        const started = Date.now();
        const expected = await uninterrupted([...from, ...query], env);
        const uninterruptedMs = Date.now() - started;
        expect(expected.length).toBe(lines);
        // Every line differs (pass-through: each has its own ts): a line twice in an episode is a repeat.
        expect(new Set(expected).size).toBe(lines);

        const midObject: PartRead[] = [];
        const workDir = mkdtempSync(path.join(tmp, 'episodes-'));
        const firstRequest = proxy.requests.length;
        const episodes = await runWithKills({
          args: [...from, '--checkpoint-interval', '100ms', ...query],
          workDir,
          kills: KILLS,
          // The CLI needs a second or two to start on a busy machine; then each object stalls part-way.
          minDelayMs: 1_500,
          maxDelayMs: 4_500,
          seed: name.length * 31 + KILLS,
          env,
          afterKill: async (stateDir) => {
            midObject.push(...(await partRead(stateDir)));
          },
        });
        expect(episodes.reduce((n, e) => n + e.killed, 0)).toBe(KILLS);
        for (const ep of episodes) {
          expect(ep.lines.length).toBe(expected.length);
          expect(sorted(ep.lines)).toEqual(sorted(expected));
        }

        // Kills did land mid-object, and the restarts resumed there: a plain object with a Range
        // request at exactly the checkpointed offset, a gzip object read again from its start.
        const plain = midObject.filter((p) => !isGzip(p.key));
        const gzip = midObject.filter((p) => isGzip(p.key));
        // With few kills, where they land depends on the machine's load (a slow start can put them all before the
        // first checkpoint): landing mid-object, of both kinds, is asked of the full run.
        if (FULL) expect(midObject.length, 'a checkpoint after a kill held an object part-read').toBeGreaterThan(0);
        if (bothKinds && FULL) {
          expect(plain.length, JSON.stringify(midObject)).toBeGreaterThan(0);
          expect(gzip.length, JSON.stringify(midObject)).toBeGreaterThan(0);
        }
        const gets = proxy.requests.slice(firstRequest).filter((r) => r.kind === 'GetObject');
        for (const p of plain)
          expect(
            gets.some((r) => r.key === p.key && r.headers.range === `bytes=${p.offset}-`),
            `a Range request for ${p.key} at ${p.offset}`,
          ).toBe(true);
        // Nothing but a restart asks for a part of an object (no body was cut off here).
        for (const r of gets.filter((g) => g.headers.range !== 'bytes=0-'))
          expect(
            plain.some((p) => p.key === r.key && r.headers.range === `bytes=${p.offset}-`),
            `${r.key} ${r.headers.range}`,
          ).toBe(true);
        // Gzip objects are never asked for from an offset: read again from the start.
        expect(gets.filter((r) => isGzip(r.key!) && r.headers.range !== 'bytes=0-')).toEqual([]);
        console.info(
          `s3 recovery, ${name}: uninterrupted ${uninterruptedMs} ms; ${KILLS} kills over ${episodes.length} episode(s) and ` +
            `${episodes.reduce((n, e) => n + e.runs, 0)} runs in ${Date.now() - started - uninterruptedMs} ms; ` +
            `checkpoints after a kill held ${plain.length} plain and ${gzip.length} gzip object(s) part-read`,
        );
      },
      FULL ? 600_000 : 120_000,
    );
  }
});
