import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../../src/dsl/compile-query.js';
import { VirtualClock } from '../../../src/engine/clock/virtual-clock.js';
import type { SourceSplit } from '../../../src/engine/contracts/source.js';
import { SplitTable, type SplitState } from '../../../src/engine/runtime/split-table.js';
import { driverHarness, settle } from '../../support/driver-harness.js';
import { MemorySplit, ObjectSplit, UnboundedMemorySource } from '../../support/memory-source.js';

const QUERY = 'json | window tumbling 1m | count';
const BASE = Date.UTC(2026, 2, 1, 10, 0, 0);
const at = (sec: number): string => new Date(BASE + sec * 1000).toISOString();
const ev = (sec: number): string => JSON.stringify({ ts: at(sec) });
const win = (start: number, count: number) => ({ window_start: at(start), window_end: at(start + 60), count });

/** A split that grows until it ends (a followed file), kept in checkpoints after its end. */
const fileSplit = (id: string): SourceSplit => ({ id, name: id, replayable: true, identity: id });
/** A split that never grows and that the job forgets once ended (an S3 object). */
const objectSplit = (id: string): SourceSplit => ({ ...fileSplit(id), complete: true, forgetWhenEnded: true });

describe('SplitTable: the source’s own watermark', () => {
  function table(options: { drain?: boolean; unbounded?: boolean; lag?: string; idle?: string } = {}) {
    const { plan } = compileQuery(QUERY, { time: 'ts', ...(options.lag ? { lag: options.lag } : {}), ...(options.idle ? { idle: options.idle } : {}) });
    const clock = new VirtualClock(BASE);
    return { clock, table: new SplitTable(plan, clock, options.drain ?? true, options.unbounded ?? false) };
  }

  /** One chunk of `state` released, its largest event time `maxTs` (−∞: no event time). */
  function release(t: SplitTable, state: SplitState, maxTs: number): void {
    const seq = state.submitted++;
    t.released({ slot: state.slot, seq, endOffset: 10 * (seq + 1), endLine: seq + 2, maxTs });
    t.settle(state);
  }

  /** The split was read to its end. */
  function end(t: SplitTable, state: SplitState): void {
    state.readEnded = true;
    t.settle(state);
  }

  it('a bounded source that drains: every split ended is +∞ (no source watermark)', () => {
    const { table: t } = table();
    const a = t.add(fileSplit('a'), null);
    const b = t.add(fileSplit('b'), null);
    release(t, a, BASE + 70_000);
    release(t, b, BASE + 200_000);
    expect(t.multiplexer.update()).toBe(BASE + 69_999);
    end(t, a);
    end(t, b);
    expect(t.multiplexer.update()).toBe(Number.POSITIVE_INFINITY);
    expect(t.multiplexer.inputCount).toBe(2);
  });

  it('unbounded: never below the splits’ minimum; once every split ended, the largest event time − lag − 1', () => {
    const { clock, table: t } = table({ unbounded: true, lag: '5s' });
    expect(t.multiplexer.inputCount).toBe(1); // the source's own, before any split
    expect(t.multiplexer.update()).toBe(Number.NEGATIVE_INFINITY);
    const a = t.add(objectSplit('a'), null);
    const b = t.add(objectSplit('b'), null);
    release(t, a, BASE + 70_000);
    release(t, b, BASE + 200_000);
    // The source's own is at 200 s − lag: the splits' minimum decides.
    expect(t.multiplexer.update()).toBe(BASE + 64_999);
    end(t, a);
    expect(t.multiplexer.update()).toBe(BASE + 194_999);
    release(t, b, BASE + 230_000);
    expect(t.multiplexer.update()).toBe(BASE + 224_999);
    end(t, b);
    // Every split ended: held at the largest event time seen − lag − 1, not +∞.
    expect(t.multiplexer.update()).toBe(BASE + 224_999);
    clock.advance(3_600_000);
    expect(t.multiplexer.update()).toBe(BASE + 224_999);
    expect(t.multiplexer.inputCount).toBe(3);
    // A split added later moves it on with its events.
    const c = t.add(objectSplit('c'), null);
    release(t, c, BASE + 300_000);
    end(t, c);
    expect(t.multiplexer.update()).toBe(BASE + 294_999);
  });

  it('restored: the source’s own watermark goes on from the restored job watermark, and with idle follows the clock', () => {
    const { clock, table: t } = table({ unbounded: true, lag: '5s', idle: '30s' });
    t.multiplexer.restore(BASE + 64_999);
    t.restoreWatermark(BASE + 64_999);
    expect(t.multiplexer.update()).toBe(BASE + 64_999);
    clock.advance(30_000);
    // Quiet since the restart: moves on from the restored watermark, as without a restart.
    expect(t.multiplexer.update()).toBe(BASE + 94_999);
  });

  it('the source’s own watermark is the largest event time of any split, not the last released', () => {
    const { table: t } = table({ unbounded: true });
    const a = t.add(objectSplit('a'), null);
    const b = t.add(objectSplit('b'), null);
    release(t, a, BASE + 90_000);
    release(t, b, BASE + 30_000);
    end(t, b);
    end(t, a);
    expect(t.multiplexer.update()).toBe(BASE + 89_999);
  });

  it('without drain: a split ended that may grow holds at its own; one that never grows (complete) finishes', () => {
    const { table: t } = table({ drain: false });
    const file = t.add(fileSplit('file'), null);
    const object = t.add({ ...fileSplit('object'), complete: true }, null);
    release(t, object, BASE + 10_000);
    release(t, file, BASE + 100_000);
    end(t, object);
    end(t, file);
    // The object no longer holds the watermark at 10 s; the file holds it at its own 100 s.
    expect(t.multiplexer.update()).toBe(BASE + 99_999);
    expect(object.watermark.isFinished()).toBe(true);
    expect(file.watermark.isFinished()).toBe(false);
  });

  it('without drain: every split complete and ended does not run to +∞', () => {
    const { table: t } = table({ drain: false });
    const a = t.add({ ...fileSplit('a'), complete: true }, null);
    release(t, a, BASE + 50_000);
    end(t, a);
    expect(a.watermark.isFinished()).toBe(true);
    expect(t.multiplexer.update()).toBe(BASE + 49_999);
  });

  it('with idle: once the input is quiet, the source’s own watermark goes idle and follows the clock', () => {
    const { clock, table: t } = table({ unbounded: true, idle: '30s' });
    const a = t.add(objectSplit('a'), null);
    release(t, a, BASE + 150_000);
    clock.advance(20_000);
    release(t, a, Number.NEGATIVE_INFINITY); // lines without an event time: activity all the same
    end(t, a);
    expect(t.multiplexer.update()).toBe(BASE + 149_999);
    clock.advance(29_999);
    expect(t.multiplexer.update()).toBe(BASE + 149_999);
    expect(t.multiplexer.isIdle()).toBe(false);
    clock.advance(1); // quiet for 30 s since the last chunk
    expect(t.multiplexer.update()).toBe(BASE + 179_999);
    expect(t.multiplexer.isIdle()).toBe(true);
    clock.advance(10_000);
    expect(t.multiplexer.update()).toBe(BASE + 189_999);
  });

  it('drops the ended splits the source forgets: not iterated, not in the snapshot; others stay', () => {
    const { table: t } = table({ unbounded: true });
    const object = t.add(objectSplit('object'), null);
    const file = t.add(fileSplit('file'), null);
    release(t, object, BASE + 1_000);
    release(t, file, BASE + 2_000);
    expect([...t].map((s) => s.split.id)).toEqual(['object', 'file']);
    // Read to its end with a chunk still in the executor: not ended yet, still there.
    object.submitted++;
    object.readEnded = true;
    t.settle(object);
    expect([...t].map((s) => s.split.id)).toEqual(['object', 'file']);
    t.released({ slot: object.slot, seq: 1, endOffset: 20, endLine: 3, maxTs: BASE + 1_500 });
    t.settle(object);
    expect([...t].map((s) => s.split.id)).toEqual(['file']);
    expect(() => t.byId('object')).toThrow(/no split object/);
    expect(t.snapshot().map((s) => s.id)).toEqual(['file']);
    // A split that is not forgotten stays, ended, in the table and its snapshot.
    end(t, file);
    expect([...t].map((s) => s.split.id)).toEqual(['file']);
    expect(t.snapshot()).toMatchObject([{ id: 'file', ended: true, maxTs: BASE + 2_000, offset: 10, line: 2 }]);
    // A split added after one was dropped gets a slot of its own.
    const next = t.add(objectSplit('next'), null);
    expect(next.slot).toBe(2);
    release(t, next, BASE + 3_000);
    expect(t.byId('next').maxTs).toBe(BASE + 3_000);
    expect([...t].map((s) => s.split.id)).toEqual(['file', 'next']);
  });
});

describe('the job driver over an unbounded source whose splits end (a followed bucket prefix)', () => {
  it('holds event time at the last event − lag once every split ended; a split added later is not late', async () => {
    const s1 = new ObjectSplit('s1');
    const s2 = new ObjectSplit('s2');
    const source = new UnboundedMemorySource([s1, s2]);
    const job = driverHarness(QUERY, [], { time: 'ts', lag: '5s', extra: { source } });
    s1.push(ev(10), ev(70));
    s2.push(ev(20), ev(128));
    await settle();
    // s1 holds the watermark at 70 s − 5 s.
    expect(job.sink.records).toEqual([win(0, 2)]);
    s1.end();
    await settle();
    // s1 ended; s2 (and the source's own) at 128 s − 5 s.
    expect(job.sink.records).toEqual([win(0, 2), win(60, 1)]);
    s2.end();
    await settle();
    job.clock.advance(600_000);
    await settle();
    // Every split ended: the watermark stays at 128 s − 5 s; [10:02, 10:03) stays open.
    expect(job.sink.records).toEqual([win(0, 2), win(60, 1)]);
    const s3 = new ObjectSplit('s3');
    source.add(s3);
    s3.push(ev(140), ev(190));
    s3.end();
    await settle();
    expect(job.sink.records).toEqual([win(0, 2), win(60, 1), win(120, 2)]);
    job.driver.requestStop();
    await job.done;
    expect(job.sink.records).toEqual([win(0, 2), win(60, 1), win(120, 2), win(180, 1)]);
    expect(job.summary()!.lateRecords).toBe(0);
    expect(job.late.lines).toEqual([]);
  });

  it('with --idle, the last window fires on the clock once the input has been quiet for the idle time', async () => {
    const s1 = new ObjectSplit('s1');
    const s2 = new ObjectSplit('s2');
    const source = new UnboundedMemorySource([s1, s2]);
    const job = driverHarness(QUERY, [], { time: 'ts', idle: '30s', extra: { source } });
    s1.push(ev(10));
    s2.push(ev(150));
    s1.end();
    s2.end();
    await settle();
    expect(job.sink.records).toEqual([win(0, 1)]);
    job.clock.advance(29_900);
    await settle();
    expect(job.sink.records).toEqual([win(0, 1)]);
    job.clock.advance(100); // quiet 30 s: 10:02:29.999 + 30 s ends [10:02, 10:03)
    expect(job.sink.records).toEqual([win(0, 1), win(120, 1)]);
    // A later object's events are not late either.
    const s3 = new ObjectSplit('s3');
    source.add(s3);
    s3.push(ev(200));
    s3.end();
    await settle();
    job.driver.requestStop();
    await job.done;
    expect(job.sink.records).toEqual([win(0, 1), win(120, 1), win(180, 1)]);
    expect(job.summary()!.lateRecords).toBe(0);
  });

  it('splits that do not end (followed files) are read side by side; the slowest holds the watermark', async () => {
    const a = new MemorySplit('a');
    const b = new MemorySplit('b');
    const source = new UnboundedMemorySource([a, b]);
    const job = driverHarness(QUERY, [], { time: 'ts', extra: { source } });
    a.push(ev(10), ev(130));
    await settle();
    expect(job.sink.records).toEqual([]); // b has no event yet
    b.push(ev(70));
    await settle();
    expect(job.sink.records).toEqual([win(0, 1)]);
    job.driver.requestStop();
    await job.done;
    expect(job.sink.records).toEqual([win(0, 1), win(60, 1), win(120, 1)]);
  });
});
