import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { check, EXACT, Follower, LogWriter, QUERY, ranges, report, sleep, started, untilAll, untilLast } from '../../support/follow.js';

/**
 * `fstream -f` following logs that the real logrotate rotates (forced, several times) while a
 * writer appends to them. `.ci/run` installs logrotate; without it these tests are skipped.
 */
const run = promisify(execFile);
const LOGROTATE = ['/usr/sbin/logrotate', '/usr/bin/logrotate', '/sbin/logrotate'].find((p) => existsSync(p));
const title = LOGROTATE ? 'follow: logrotate with a concurrent writer' : 'follow: logrotate with a concurrent writer (skipped: logrotate is not installed)';

/** The directives of each case; each case has its own directory, log and glob. */
interface Case {
  stream: string;
  glob: string;
  directives: string[];
  /** The writer is told to reopen (SIGHUP from postrotate, waited for): rename rotation. */
  reopen: boolean;
}

const cases: Case[] = [
  // create: renamed, a new file created; the previous one compressed at the next rotation (a.log.2.gz).
  { stream: 'a', glob: '*.log*', directives: ['rotate 5', 'create', 'compress', 'delaycompress'], reopen: true },
  // compressed at once (after the writer has reopened): b.log.1.gz appears while b.log.1 is read.
  { stream: 'b', glob: '*.log*', directives: ['rotate 5', 'create', 'compress'], reopen: true },
  // nocreate: the writer creates the new file when it reopens.
  { stream: 'e', glob: '*.log', directives: ['rotate 5', 'nocreate', 'missingok'], reopen: true },
  // copytruncate, the copies followed too.
  { stream: 'c', glob: '*.log*', directives: ['rotate 5', 'copytruncate', 'missingok'], reopen: false },
  // copytruncate, the copies (compressed at the next rotation) not followed.
  { stream: 'd', glob: '*.log', directives: ['rotate 5', 'copytruncate', 'compress', 'delaycompress'], reopen: false },
];

describe.skipIf(LOGROTATE === undefined)(title, () => {
  it('create, compress, delaycompress, nocreate, copytruncate: forced rotations during writing', async ({ onTestFinished }) => {
    const base = mkdtempSync(path.join(tmpdir(), 'fstream-logrotate-'));
    const w = new LogWriter(10_000);
    onTestFinished(() => w.kill());
    const ack = path.join(base, 'reopened');
    await w.ackFile(ack);
    // postrotate: tell the writer to reopen its files and wait until it has (so a compression
    // right after finds the rotated file complete), as a daemon's `kill -HUP` + pid file would.
    const postrotate = [
      'postrotate',
      `  rm -f '${ack}'; kill -HUP ${w.pid}; i=0; while [ ! -e '${ack}' ] && [ $i -lt 1000 ]; do sleep 0.01; i=$((i+1)); done`,
      'endscript',
    ];
    let conf = '';
    const from: string[] = [];
    for (const c of cases) {
      const dir = path.join(base, c.stream);
      mkdirSync(dir);
      const log = path.join(dir, `${c.stream}.log`);
      await w.open(c.stream, log);
      conf += `"${log}" {\n${[...c.directives, ...(c.reopen ? postrotate : [])].map((d) => `  ${d}`).join('\n')}\n}\n`;
      from.push('--from', `${dir}/${c.glob}`);
    }
    const confFile = path.join(base, 'logrotate.conf');
    writeFileSync(confFile, conf, { mode: 0o644 });
    const f = new Follower(['-p', '1', ...from, QUERY]);
    onTestFinished(() => void f.kill());
    await started(f);
    for (let i = 0; i < 3; i++) {
      await sleep(700);
      await run(LOGROTATE!, ['-f', '-s', path.join(base, 'state'), confFile]);
    }
    await sleep(300);
    const sum = await w.stop();
    const exact = cases.filter((c) => c.reopen).map((c) => c.stream);
    await untilAll(() => f.records(), sum, exact);
    await untilLast(() => f.records(), sum, ['c', 'd']);
    // A compressed copy is judged within 2 s (copyWaitMs): a repeat would come by then.
    await sleep(2000);
    expect(await f.stop(), f.stderr).toBe(0);
    const recs = f.records();
    for (const s of exact) expect(report(check(recs, sum, { streams: [s] })), `${s}: ${cases.find((c) => c.stream === s)!.directives}`).toBe(EXACT);
    // copytruncate: what the writer wrote between logrotate's copy and its truncation, unless read
    // before it, is in neither file; nothing is repeated. The writer does not know when logrotate
    // truncates, so one of its generations may be read from two files, the copy's part (its tail,
    // read on from where the original ended) after the new content's start: two ascending runs.
    const copied = ['c', 'd'].map((s) => [s, check(recs, sum, { streams: [s], splitGenerations: true })] as const);
    for (const [s, v] of copied) expect(report({ ...v, lost: [] }), s).toBe(EXACT);
    console.info(
      `logrotate copytruncate, ${sum.streams.c!.last} + ${sum.streams.d!.last} lines, 3 rotations: ` +
        copied
          .map(([s, v]) => `${s} (copies ${s === 'c' ? '' : 'not '}followed) lost ${v.lost.length}${v.lost.length ? ` (${ranges(v.lost)})` : ''}`)
          .join('; '),
    );
    // The rotated files are all there: a.log.1 a.log.2.gz ..., b.log.1.gz ..., c.log.1 ...
    const names = (s: string): string[] => readdirSync(path.join(base, s)).sort();
    expect(names('a')).toEqual(['a.log', 'a.log.1', 'a.log.2.gz', 'a.log.3.gz']);
    expect(names('b')).toEqual(['b.log', 'b.log.1.gz', 'b.log.2.gz', 'b.log.3.gz']);
    expect(names('c')).toEqual(['c.log', 'c.log.1', 'c.log.2', 'c.log.3']);
    expect(f.stderr).toBe('');
  }, 60_000);
});
