import { createHash } from 'node:crypto';
import { mkdtempSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { EnumeratorEvent, SavedSplit } from '../../../src/engine/contracts/source.js';
import { fileIdentity } from '../../../src/io/sources/file-identity.js';
import { FollowEnumerator } from '../../../src/io/sources/follow/follow-enumerator.js';
import { FollowInputs } from '../../../src/io/sources/follow/follow-inputs.js';
import { DEFAULT_FOLLOW_TIMING } from '../../../src/io/sources/follow/follow-timing.js';
import type { FinishedFile } from '../../../src/io/sources/follow/finished-files.js';
import type { FollowSplit } from '../../../src/io/sources/follow/followed-file.js';

const timing = { ...DEFAULT_FOLLOW_TIMING, watch: false };
const line = (seq: number): string => `{"seq":${seq},"pad":"${'x'.repeat(40)}"}\n`;

describe('the followed files a checkpoint keeps before the job reads them', () => {
  it('restored files are kept until their reading begins, also across a restart from that state alone; new files too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fstream-follow-enum-'));
    const a = path.join(dir, 'a.log');
    writeFileSync(a, line(1) + line(2) + line(3));
    const saved: SavedSplit = { id: 'file:a', name: a, identity: await fileIdentity(a), offset: line(1).length, line: 2, ended: false };
    const inputs = await FollowInputs.of([`${dir}/*.log`]);

    // Before the restored run has even looked for its files.
    const first = new FollowEnumerator(inputs, [], { splits: [saved], enumerator: null }, timing);
    expect(first.snapshot().unassigned).toEqual([saved]);

    // A run restored from that snapshot alone (the job's splits were empty) finds the file again.
    writeFileSync(path.join(dir, 'b.log'), line(7));
    const second = new FollowEnumerator(inputs, [], { splits: [], enumerator: first.snapshot() }, timing);
    const stop = new AbortController();
    const events = second.events(stop.signal)[Symbol.asyncIterator]();
    const next = async (): Promise<Extract<EnumeratorEvent, { kind: 'add' }>> => (await events.next()).value as Extract<EnumeratorEvent, { kind: 'add' }>;
    const resumed = await next();
    expect(resumed).toMatchObject({ split: { id: 'file:a', name: a }, resume: { offset: line(1).length, line: 2 } });
    const found = await next();
    expect(found).toMatchObject({ split: { name: path.join(dir, 'b.log') }, resume: null });
    // Handed on, not read yet: still kept, at their positions.
    expect(second.snapshot().unassigned).toMatchObject([
      { id: 'file:a', offset: line(1).length, line: 2 },
      { id: found.split.id, offset: 0, line: 1 },
    ]);
    (resumed.split as FollowSplit).file.reading = true;
    (found.split as FollowSplit).file.reading = true;
    expect(second.snapshot().unassigned).toEqual([]);
    stop.abort();
    await events.return?.(undefined);
  });
});

describe('a compressed copy of a finished file', () => {
  const setup = (dir: string, lines: string[], content: Buffer) => {
    const upTo = (n: number): number => lines.slice(0, n).join('').length;
    const { dev } = statSync(dir);
    const finished = (ino: number, end: FinishedFile['end'], n: number): FinishedFile => ({
      id: `file:${ino}`,
      path: path.join(dir, `gone-${ino}`),
      dev,
      ino,
      fingerprint: createHash('sha1').update(content).digest('hex'),
      fingerprintBytes: content.length,
      gzip: false,
      end,
      offset: upTo(n),
      line: n + 1,
      seenAt: Date.now(),
    });
    return { upTo, finished };
  };

  it('is read on from the furthest any file with that content was read (a truncated original, then its longer copy)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fstream-follow-enum-'));
    const lines = Array.from({ length: 10 }, (_, i) => line(i + 1));
    const content = Buffer.from(lines.join(''));
    writeFileSync(path.join(dir, 'a.log.2.gz'), gzipSync(content));
    const { upTo, finished } = setup(dir, lines, content);
    // a.log truncated (copytruncate) after 4 lines were read; its copy a.log.1 read to 8 lines.
    const restore = { splits: [], enumerator: { finished: [finished(1, 'truncated', 4), finished(2, 'detached', 8)] } };
    const enumerator = new FollowEnumerator(await FollowInputs.of([`${dir}/*.log*`]), [], restore, timing);
    const stop = new AbortController();
    const events = enumerator.events(stop.signal)[Symbol.asyncIterator]();
    expect((await events.next()).value).toMatchObject({ kind: 'add', split: { name: path.join(dir, 'a.log.2.gz') }, resume: { offset: upTo(8), line: 9 } });
    stop.abort();
    await events.return?.(undefined);
  });

  it('made while its original is still being read waits for it, then reads on from where it ended', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fstream-follow-enum-'));
    const lines = Array.from({ length: 10 }, (_, i) => line(i + 1));
    const content = Buffer.from(lines.join(''));
    const { upTo, finished } = setup(dir, lines, content);
    // copytruncate's copy a.log.1 (a.log was truncated after 4 lines were read), read to its end...
    writeFileSync(path.join(dir, 'a.log.1'), content);
    const restore = { splits: [], enumerator: { finished: [finished(1, 'truncated', 4)] } };
    const fast = { ...timing, rescanMs: 20, copyWaitMs: 60_000 };
    const enumerator = new FollowEnumerator(await FollowInputs.of([`${dir}/*.log*`]), [], restore, fast);
    const stop = new AbortController();
    const events = enumerator.events(stop.signal)[Symbol.asyncIterator]();
    const copy = (await events.next()).value as Extract<EnumeratorEvent, { kind: 'add' }>;
    expect(copy).toMatchObject({ split: { name: path.join(dir, 'a.log.1') }, resume: { offset: upTo(4), line: 5 } });
    const { file } = copy.split as FollowSplit;
    file.readOffset = upTo(10);
    file.readLine = 11;
    // ... and compressed (gzip writes a.log.1.gz, then deletes a.log.1) while it is still being read.
    writeFileSync(path.join(dir, 'a.log.1.gz'), gzipSync(content));
    unlinkSync(path.join(dir, 'a.log.1'));
    let judged = false;
    const next = events.next().then((r) => {
      judged = true;
      return r.value;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(judged).toBe(false);
    await file.end('detached');
    expect(await next).toMatchObject({ split: { name: path.join(dir, 'a.log.1.gz') }, resume: { offset: upTo(10), line: 11 } });
    stop.abort();
    await events.return?.(undefined);
  });
});
