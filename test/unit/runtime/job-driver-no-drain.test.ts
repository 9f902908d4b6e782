import { describe, expect, it } from 'vitest';
import { Checkpointer } from '../../../src/engine/checkpoint/checkpointer.js';
import type { CheckpointMeta } from '../../../src/engine/checkpoint/positions.js';
import { VirtualClock } from '../../../src/engine/clock/virtual-clock.js';
import type { EnumeratorEvent, Source } from '../../../src/engine/contracts/source.js';
import type { OperatorEntry } from '../../../src/engine/operators/operator.js';
import type { RestoredCheckpoint } from '../../../src/engine/runtime/job-driver.js';
import { KEY_GROUPS } from '../../../src/engine/state/key-groups.js';
import { MemoryStateBackend, MemoryStateStore } from '../../../src/engine/state/memory-backend.js';
import { driverHarness, settle } from '../../support/driver-harness.js';
import { MemorySplit } from '../../support/memory-source.js';

const at = (sec: number): string => new Date(Date.UTC(2026, 2, 1, 10, 0, sec)).toISOString();
const ev = (sec: number, k: string): string => JSON.stringify({ ts: at(sec), k });
const QUERY = 'json | window tumbling 1m | count by k';

/** A file found rotated away from its input's name: read to its end, it will not grow. */
class RotatedSplit extends MemorySplit {
  readonly rotated = true;
}

/** A bounded source of `splits` that resumes each from the restored checkpoint's split of its id. */
function resumingSource(splits: MemorySplit[], restored: RestoredCheckpoint | null): Source {
  return {
    bounded: true,
    enumerator: {
      async *events(): AsyncGenerator<EnumeratorEvent> {
        for (const split of splits) yield { kind: 'add', split, resume: restored?.meta.splits.find((s) => s.id === split.id) ?? null };
        yield { kind: 'no-more-splits' };
      },
      snapshot: () => null,
    },
    reader: { read: (split, _from, options) => (split as MemorySplit).read(options.signal) },
  };
}

async function latest(store: MemoryStateStore): Promise<RestoredCheckpoint | null> {
  const backend = new MemoryStateBackend({}, store);
  const cp = backend.latest();
  if (!cp) return null;
  const groups = await backend.readGroups(
    cp.id,
    Array.from({ length: KEY_GROUPS }, (_, i) => i),
  );
  return { meta: cp.meta as CheckpointMeta, entries: [...groups.values()].flat() as OperatorEntry[] };
}

/** One run over `splits` on the state in `store`, resuming from its latest checkpoint. */
async function run(
  store: MemoryStateStore,
  clock: VirtualClock,
  splits: MemorySplit[],
  options: { drain: boolean; query?: string; time?: string | null; feed: () => void },
) {
  const restored = await latest(store);
  const backend = new MemoryStateBackend({}, store);
  const checkpointer = new Checkpointer(backend, 'plan', null, restored ? backend.latest()!.id : 0, 10_000, clock);
  const time = options.time === undefined ? 'ts' : options.time;
  const job = driverHarness(options.query ?? QUERY, splits, {
    ...(time ? { time } : {}),
    extra: { clock, timers: clock, source: resumingSource(splits, restored), checkpoints: { checkpointer, restored }, drain: options.drain },
  });
  options.feed();
  await job.done;
  const summary = job.summary()!;
  return { records: job.sink.records, late: summary.lateRecords, checkpoint: await latest(store) };
}

describe('the job driver without drain (--no-drain)', () => {
  it('keeps the open windows at the end of the input; the next run goes on with them', async () => {
    const store = new MemoryStateStore();
    const clock = new VirtualClock(Date.UTC(2026, 2, 1, 12));
    const a = new MemorySplit('a');
    const first = await run(store, clock, [a], {
      drain: false,
      feed: () => {
        a.push(ev(1, 'x'), ev(61, 'y'), ev(62, 'x'));
        a.end();
      },
    });
    // Only the window the watermark passed fired; [10:01, 10:02) is kept, at the watermark reached.
    expect(first.records).toEqual([{ window_start: at(0), window_end: at(60), k: 'x', count: 1 }]);
    expect(first.checkpoint!.meta.watermark).toBe(Date.UTC(2026, 2, 1, 10, 1, 2) - 1);
    expect(first.checkpoint!.meta.splits).toMatchObject([{ id: 'a', ended: true, maxTs: Date.UTC(2026, 2, 1, 10, 1, 2) }]);
    expect(first.checkpoint!.entries.length).toBeGreaterThan(0);

    const b = new MemorySplit('a');
    const second = await run(store, clock, [b], {
      drain: false,
      feed: () => {
        // Late in one long run too ([10:00, 10:01) fired), then the open window, then a new one.
        b.push(ev(30, 'z'), ev(63, 'y'), ev(125, 'x'), ev(130, 'y'));
        b.end();
      },
    });
    expect(second.late).toBe(1);
    expect(second.records).toEqual([
      { window_start: at(60), window_end: at(120), k: 'x', count: 1 },
      { window_start: at(60), window_end: at(120), k: 'y', count: 2 },
    ]);

    const c = new MemorySplit('a');
    const last = await run(store, clock, [c], { drain: true, feed: () => c.end() });
    expect(last.records).toEqual([
      { window_start: at(120), window_end: at(180), k: 'x', count: 1 },
      { window_start: at(120), window_end: at(180), k: 'y', count: 1 },
    ]);
  });

  it('an input read to its end holds the watermark at its last event, since it may grow', async () => {
    const feed = (a: MemorySplit, b: MemorySplit) => (): void => {
      a.push(ev(1, 'x'));
      a.end();
      b.push(ev(5, 'y'), ev(130, 'y'));
      b.end();
    };
    const a = new MemorySplit('a');
    const b = new MemorySplit('b');
    const kept = await run(new MemoryStateStore(), new VirtualClock(0), [a, b], { drain: false, feed: feed(a, b) });
    expect(kept.records).toEqual([]);
    expect(kept.checkpoint!.meta.watermark).toBe(Date.UTC(2026, 2, 1, 10, 0, 1) - 1);

    const a2 = new MemorySplit('a');
    const b2 = new MemorySplit('b');
    const drained = await run(new MemoryStateStore(), new VirtualClock(0), [a2, b2], { drain: true, feed: feed(a2, b2) });
    expect(drained.records.map((r) => r.window_start)).toEqual([at(0), at(0), at(120)]);
  });

  it('the next run resumes every input before event time moves: one that is behind finds its windows open', async () => {
    const store = new MemoryStateStore();
    const clock = new VirtualClock(0);
    const [a, b] = [new MemorySplit('a'), new MemorySplit('b')];
    await run(store, clock, [a, b], {
      drain: false,
      feed: () => {
        a.push(ev(1, 'x'), ev(100, 'x'));
        a.end();
        b.push(ev(2, 'y'));
        b.end();
      },
    });
    // `a` is resumed first, with its watermark at 10:01:40: the job's stays at b's until b is back.
    const [a2, b2] = [new MemorySplit('a'), new MemorySplit('b')];
    const second = await run(store, clock, [a2, b2], {
      drain: true,
      feed: () => {
        a2.end();
        b2.push(ev(55, 'y'));
        b2.end();
      },
    });
    expect(second.late).toBe(0);
    expect(second.records).toEqual([
      { window_start: at(0), window_end: at(60), k: 'x', count: 1 },
      { window_start: at(0), window_end: at(60), k: 'y', count: 2 },
      { window_start: at(60), window_end: at(120), k: 'x', count: 1 },
    ]);
  });

  it('a file rotated away stops holding the watermark once read to its end, without ending event time', async () => {
    const a = new RotatedSplit('a');
    const b = new MemorySplit('b');
    const res = await run(new MemoryStateStore(), new VirtualClock(0), [a, b], {
      drain: false,
      feed: () => {
        a.push(ev(1, 'x'));
        a.end();
        b.push(ev(5, 'y'), ev(130, 'y'));
        b.end();
      },
    });
    expect(res.records).toEqual([
      { window_start: at(0), window_end: at(60), k: 'x', count: 1 },
      { window_start: at(0), window_end: at(60), k: 'y', count: 1 },
    ]);
    expect(res.checkpoint!.meta.watermark).toBe(Date.UTC(2026, 2, 1, 10, 2, 10) - 1);
  });

  it('a whole-input aggregation keeps its running result in the state until a run drains it', async () => {
    const store = new MemoryStateStore();
    const clock = new VirtualClock(0);
    const a = new MemorySplit('a');
    const first = await run(store, clock, [a], {
      drain: false,
      query: 'json | count by k',
      feed: () => {
        a.push(ev(1, 'x'), ev(2, 'y'), ev(3, 'x'));
        a.end();
      },
    });
    expect(first.records).toEqual([]);
    const b = new MemorySplit('a');
    const last = await run(store, clock, [b], {
      drain: true,
      query: 'json | count by k',
      feed: () => {
        b.push(ev(4, 'y'));
        b.end();
      },
    });
    expect(last.late).toBe(0);
    expect(last.records).toEqual([
      { k: 'x', count: 2 },
      { k: 'y', count: 2 },
    ]);
  });

  it('processing-time windows are kept too, and fire in a later run once the clock has passed them', async () => {
    const store = new MemoryStateStore();
    const clock = new VirtualClock(Date.UTC(2026, 2, 1, 10, 0, 10));
    const a = new MemorySplit('a');
    const first = await run(store, clock, [a], {
      drain: false,
      time: null,
      feed: () => {
        a.push('{"k":"x"}', '{"k":"x"}');
        a.end();
      },
    });
    expect(first.records).toEqual([]);
    clock.advance(5 * 60_000);
    const b = new MemorySplit('a');
    const second = await run(store, clock, [b], {
      drain: false,
      time: null,
      feed: () => {
        void settle().then(() => {
          b.push('{"k":"y"}');
          b.end();
        });
      },
    });
    expect(second.records).toEqual([{ window_start: at(0), window_end: at(60), k: 'x', count: 2 }]);
  });
});
