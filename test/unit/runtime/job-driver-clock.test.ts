import { describe, expect, it } from 'vitest';
import { driverHarness, settle } from '../../support/driver-harness.js';
import { MemorySplit } from '../../support/memory-source.js';

const at = (sec: number): string => new Date(Date.UTC(2026, 2, 1, 10, 0, sec)).toISOString();

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
});
