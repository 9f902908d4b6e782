import { describe, expect, it } from 'vitest';
import { Checkpointer } from '../../../src/engine/checkpoint/checkpointer.js';
import type { CheckpointMeta } from '../../../src/engine/checkpoint/positions.js';
import type { EnumeratorEvent, Source } from '../../../src/engine/contracts/source.js';
import { KEY_GROUPS } from '../../../src/engine/state/key-groups.js';
import { MemoryStateBackend, MemoryStateStore } from '../../../src/engine/state/memory-backend.js';
import type { OperatorEntry } from '../../../src/engine/operators/operator.js';
import { VirtualClock } from '../../../src/engine/clock/virtual-clock.js';
import { driverHarness, settle } from '../../support/driver-harness.js';
import { MemorySplit } from '../../support/memory-source.js';

const at = (sec: number): string => new Date(Date.UTC(2026, 2, 1, 10, 0, sec)).toISOString();
const ev = (sec: number, k: string): string => JSON.stringify({ ts: at(sec), k });

async function restoredFrom(backend: MemoryStateBackend): Promise<{ meta: CheckpointMeta; entries: OperatorEntry[] }> {
  const latest = backend.latest()!;
  const groups = await backend.readGroups(
    latest.id,
    Array.from({ length: KEY_GROUPS }, (_, i) => i),
  );
  return { meta: latest.meta as CheckpointMeta, entries: [...groups.values()].flat() as OperatorEntry[] };
}

describe('the job driver checkpoints on a virtual clock', () => {
  it('takes a checkpoint every interval while input is quiet, holding the open windows and positions', async () => {
    const backend = new MemoryStateBackend({}, new MemoryStateStore());
    const clock = new VirtualClock(Date.UTC(2026, 2, 1, 12));
    const checkpointer = new Checkpointer(backend, 'plan', null, 0, 10_000, clock);
    const input = new MemorySplit('stdin', '-');
    const job = driverHarness('json | window tumbling 1m | count by k', [input], {
      time: 'ts',
      extra: { clock, timers: clock, checkpoints: { checkpointer, restored: null } },
    });
    input.push(ev(1, 'a'), ev(2, 'b'), ev(61, 'a'));
    await settle();
    expect(backend.latest()).toBeNull();
    clock.advance(9_900);
    await settle();
    expect(backend.latest()).toBeNull();
    clock.advance(200);
    await settle();
    const first = await restoredFrom(backend);
    expect(first.meta.splits).toMatchObject([{ id: 'stdin', name: '-', offset: 3 * ev(1, 'a').length + 3, line: 4, ended: false }]);
    expect(first.meta.watermark).toBe(Date.UTC(2026, 2, 1, 10, 1, 1) - 1);
    // [10:00, 10:01) fired before the checkpoint; [10:01, 10:02) is open, with one key.
    expect(job.sink.records).toEqual([
      { window_start: at(0), window_end: at(60), k: 'a', count: 1 },
      { window_start: at(0), window_end: at(60), k: 'b', count: 1 },
    ]);
    expect(first.entries).toHaveLength(1);
    clock.advance(10_000);
    await settle();
    expect(backend.latest()!.id).toBe(2);
    input.end();
    await job.done;
  });

  it('a stopped job resumes from its checkpoint: open windows and watermark carry on', async () => {
    const store = new MemoryStateStore();
    const clock = new VirtualClock(Date.UTC(2026, 2, 1, 12));
    const first = new MemorySplit('stdin', '-');
    const job1 = driverHarness('json | window tumbling 1m | count by k', [first], {
      time: 'ts',
      extra: {
        clock,
        timers: clock,
        checkpoints: { checkpointer: new Checkpointer(new MemoryStateBackend({}, store), 'plan', null, 0, 10_000, clock), restored: null },
      },
    });
    first.push(ev(1, 'a'), ev(61, 'b'));
    await settle();
    job1.driver.requestStop();
    await job1.done;
    expect(job1.sink.records).toEqual([{ window_start: at(0), window_end: at(60), k: 'a', count: 1 }]);
    const backend = new MemoryStateBackend({}, store);
    const restored = await restoredFrom(backend);
    const second = new MemorySplit('stdin', '-');
    const job2 = driverHarness('json | window tumbling 1m | count by k', [second], {
      time: 'ts',
      extra: { clock, timers: clock, checkpoints: { checkpointer: new Checkpointer(backend, 'plan', null, backend.latest()!.id, 10_000, clock), restored } },
    });
    // A late event for the fired window, one for the open window, and one past it.
    second.push(ev(2, 'a'), ev(62, 'b'), ev(125, 'c'));
    second.end();
    await job2.done;
    expect(job2.sink.records).toEqual([
      { window_start: at(60), window_end: at(120), k: 'b', count: 2 },
      { window_start: at(120), window_end: at(180), k: 'c', count: 1 },
    ]);
    expect(job2.summary()?.lateRecords).toBe(1);
  });

  it('with --idle, what fired on the clock while every input was quiet is checkpointed and stays fired', async () => {
    const store = new MemoryStateStore();
    const clock = new VirtualClock(Date.UTC(2026, 2, 1, 12));
    const checkpointer = new Checkpointer(new MemoryStateBackend({}, store), 'plan', null, 0, 10_000, clock);
    const first = new MemorySplit('stdin', '-');
    const job1 = driverHarness('json | window tumbling 1m | count by k', [first], {
      time: 'ts',
      idle: '30s',
      extra: { clock, timers: clock, checkpoints: { checkpointer, restored: null } },
    });
    first.push(ev(5, 'a'), ev(20, 'b'));
    await settle();
    clock.advance(40_000); // idle: 10:00:19.999 moved on by 40 s of quiet ends [10:00, 10:01)
    await settle();
    expect(job1.sink.records).toEqual([
      { window_start: at(0), window_end: at(60), k: 'a', count: 1 },
      { window_start: at(0), window_end: at(60), k: 'b', count: 1 },
    ]);
    job1.driver.requestStop();
    await job1.done;
    const backend = new MemoryStateBackend({}, store);
    const restored = await restoredFrom(backend);
    expect(restored.meta.watermark).toBe(Date.UTC(2026, 2, 1, 10, 1) - 1);
    expect(restored.meta.splits).toMatchObject([{ id: 'stdin', maxTs: Date.UTC(2026, 2, 1, 10, 0, 20) }]);
    const second = new MemorySplit('stdin', '-');
    const job2 = driverHarness('json | window tumbling 1m | count by k', [second], {
      time: 'ts',
      idle: '30s',
      extra: { clock, timers: clock, checkpoints: { checkpointer: new Checkpointer(backend, 'plan', null, backend.latest()!.id, 10_000, clock), restored } },
    });
    // Behind the split's own watermark, no; behind what fired on the clock, yes: late.
    second.push(ev(30, 'a'), ev(70, 'b'));
    second.end();
    await job2.done;
    expect(job2.sink.records).toEqual([{ window_start: at(60), window_end: at(120), k: 'b', count: 1 }]);
    expect(job2.summary()?.lateRecords).toBe(1);
  });
});

describe('a split added with a position the checkpoint did not know', () => {
  it('is checkpointed at that position before any of its chunks is handed on', async () => {
    const backend = new MemoryStateBackend({}, new MemoryStateStore());
    const clock = new VirtualClock(Date.UTC(2026, 2, 1, 12));
    const checkpointer = new Checkpointer(backend, 'plan', null, 0, 10_000, clock);
    // A copy of a file, read on from where the file ended (what a followed source does for a
    // compressed rotated file): nothing more to read yet.
    const copy = new MemorySplit('copy', 'a.log.1.gz');
    const resume = { id: 'copy', name: 'a.log.1.gz', identity: null, offset: 120, line: 7, ended: false };
    const source: Source = {
      bounded: false,
      enumerator: {
        async *events(): AsyncGenerator<EnumeratorEvent> {
          yield { kind: 'add', split: copy, resume };
        },
        snapshot: () => null,
      },
      reader: { read: (split, _from, options) => (split as MemorySplit).read(options.signal) },
    };
    const job = driverHarness('json | select k', [], { extra: { source, clock, timers: clock, checkpoints: { checkpointer, restored: null } } });
    await settle();
    clock.advance(10_100);
    await settle();
    expect(backend.latest()!.meta as CheckpointMeta).toMatchObject({ splits: [{ id: 'copy', offset: 120, line: 7, ended: false }] });
    job.driver.requestStop();
    await job.done;
  });
});
