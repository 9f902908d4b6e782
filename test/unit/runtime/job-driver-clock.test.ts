import { describe, expect, it } from 'vitest';
import { driverHarness, settle } from '../../support/driver-harness.js';
import { MemorySplit } from '../../support/memory-source.js';

const at = (sec: number): string => new Date(Date.UTC(2026, 2, 1, 10, 0, sec)).toISOString();
const ev = (sec: number): string => JSON.stringify({ ts: at(sec) });

describe('the job driver on a virtual clock', () => {
  it('fires processing-time windows on the clock while input is quiet', async () => {
    const input = new MemorySplit('in');
    const job = driverHarness('json | window tumbling 10s | count', [input]);
    input.push('{"a":1}', '{"a":2}');
    await settle();
    expect(job.sink.records).toEqual([]);
    job.clock.advance(9_000);
    expect(job.sink.records).toEqual([]);
    job.clock.advance(1_100);
    expect(job.sink.records).toEqual([{ window_start: at(0), window_end: at(10), count: 2 }]);
    expect(job.sink.flushed).toBe(1); // flushed as it fired: a pipe reader has it
    input.end();
    await job.done;
  });

  it('emits running results every interval, then the final one', async () => {
    const input = new MemorySplit('in');
    const job = driverHarness('json | window tumbling 1m | count | emit every 5s', [input]);
    input.push('{"a":1}');
    await settle();
    job.clock.advance(5_000);
    input.push('{"a":2}');
    await settle();
    job.clock.advance(5_000);
    expect(job.sink.records).toEqual([
      { window_start: at(0), window_end: at(60), count: 1, final: false },
      { window_start: at(0), window_end: at(60), count: 2, final: false },
    ]);
    job.clock.advance(50_000);
    expect(job.sink.records.at(-1)).toEqual({ window_start: at(0), window_end: at(60), count: 2, final: true });
    input.end();
    await job.done;
  });

  it('with --idle, a quiet input stops holding back event-time windows after the idle time', async () => {
    const busy = new MemorySplit('busy');
    const quiet = new MemorySplit('quiet');
    const job = driverHarness('json | window tumbling 1m | count', [busy, quiet], { time: 'ts', idle: '30s' });
    quiet.push(JSON.stringify({ ts: at(1) }));
    busy.push(JSON.stringify({ ts: at(2) }), JSON.stringify({ ts: at(70) }));
    await settle();
    // `quiet` holds the watermark at 10:00:01 while `busy` goes on: nothing fires.
    for (let s = 0; s < 29; s++) {
      job.clock.advance(1_000);
      busy.push(JSON.stringify({ ts: at(71) }));
      await settle();
    }
    expect(job.sink.records).toEqual([]);
    // Quiet for 30 s: it no longer counts, and [10:00, 10:01) fires on the clock.
    job.clock.advance(2_000);
    expect(job.sink.records).toEqual([{ window_start: at(0), window_end: at(60), count: 2 }]);
    busy.end();
    quiet.end();
    await job.done;
    expect(job.sink.records).toEqual([
      { window_start: at(0), window_end: at(60), count: 2 },
      { window_start: at(60), window_end: at(120), count: 30 },
    ]);
  });

  it('with --idle, one quiet input is caught up with the present: its last window fires on the clock', async () => {
    const input = new MemorySplit('stdin', '-');
    const job = driverHarness('json | window tumbling 1m | count', [input], { time: 'ts', idle: '30s' });
    input.push(ev(5), ev(20)); // its own watermark: 10:00:19.999
    await settle();
    // Idle after 30 s: its watermark moves on from 10:00:19.999 by the time it has been quiet.
    job.clock.advance(30_000);
    expect(job.sink.records).toEqual([]);
    job.clock.advance(9_900);
    expect(job.sink.records).toEqual([]);
    job.clock.advance(100); // quiet 40 s: 10:00:59.999, the end of [10:00, 10:01)
    expect(job.sink.records).toEqual([{ window_start: at(0), window_end: at(60), count: 2 }]);
    expect(job.sink.flushed).toBe(1);
    // It sends again: an event of the fired window is late (counted, written to --late), one of
    // the next window counts.
    input.push(ev(50), ev(90));
    await settle();
    input.end();
    await job.done;
    expect(job.sink.records).toEqual([
      { window_start: at(0), window_end: at(60), count: 2 },
      { window_start: at(60), window_end: at(120), count: 1 },
    ]);
    expect(job.late.lines).toEqual([ev(50)]);
    expect(job.summary()!.lateRecords).toBe(1);
  });

  it('with --idle, nothing moves before the idle time, whatever the lag', async () => {
    const input = new MemorySplit('stdin', '-');
    const job = driverHarness('json | window tumbling 1m | count', [input], { time: 'ts', lag: '5s', idle: '30s' });
    input.push(ev(58)); // own watermark 10:00:52.999: [10:00, 10:01) needs 7 s more of event time
    await settle();
    job.clock.advance(29_900);
    expect(job.sink.records).toEqual([]);
    job.clock.advance(100); // idle: 10:00:52.999 + 30 s, past the window's end at once
    expect(job.sink.records).toEqual([{ window_start: at(0), window_end: at(60), count: 1 }]);
    input.end();
    await job.done;
    expect(job.summary()!.lateRecords).toBe(0);
  });

  it('with --idle, when every input is quiet the one furthest behind decides', async () => {
    const ahead = new MemorySplit('ahead');
    const behind = new MemorySplit('behind');
    const job = driverHarness('json | window tumbling 1m | count', [ahead, behind], { time: 'ts', idle: '30s' });
    ahead.push(ev(50));
    behind.push(ev(10));
    await settle();
    job.clock.advance(30_000); // both idle: min(10:00:49.999, 10:00:09.999) + 30 s
    expect(job.sink.records).toEqual([]);
    job.clock.advance(19_900);
    expect(job.sink.records).toEqual([]);
    job.clock.advance(100); // behind's 10:00:09.999 + 50 s reaches the window's end
    expect(job.sink.records).toEqual([{ window_start: at(0), window_end: at(60), count: 2 }]);
    ahead.end();
    behind.end();
    await job.done;
  });

  it('emit every gives running results on the clock while an event-time input is quiet, then the final one', async () => {
    const input = new MemorySplit('stdin', '-');
    const job = driverHarness('json | window tumbling 1m | count | emit every 5s', [input], { time: 'ts', idle: '30s' });
    input.push(ev(5), ev(10));
    await settle();
    const running = { window_start: at(0), window_end: at(60), count: 2, final: false };
    job.clock.advance(5_000);
    expect(job.sink.records).toEqual([running]);
    expect(job.sink.flushed).toBe(1);
    job.clock.advance(40_000);
    expect(job.sink.records).toEqual(Array(9).fill(running));
    // Quiet 50 s: 10:00:09.999 + 50 s ends the window; it fires, and nothing is open any more.
    job.clock.advance(5_000);
    job.clock.advance(10_000);
    expect(job.sink.records).toEqual([...Array(9).fill(running), { ...running, final: true }]);
    expect(job.sink.flushed).toBe(10);
    input.end();
    await job.done;
    expect(job.sink.records).toHaveLength(10);
  });
});
