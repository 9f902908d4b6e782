import { describe, expect, it } from 'vitest';
import type { EnumeratorEvent, ReadEvent, Source, SourceSplit } from '../../../src/engine/contracts/source.js';
import { compositeSource, partStates } from '../../../src/io/inputs/composite-source.js';
import { settle } from '../../support/driver-harness.js';
import { MemorySplit, memorySource } from '../../support/memory-source.js';

/** What an enumerator event says, in short: `+id` for an added split, else its kind. */
const show = (ev: EnumeratorEvent): string => (ev.kind === 'add' ? `+${ev.split.id}` : ev.kind);

/** A bounded memory source whose reader notes which part read which split, and whose snapshot is `snapshot()`. */
function boundedPart(name: string, splits: MemorySplit[], reads: string[], snapshot: () => unknown = () => ({ part: name })): Source {
  const base = memorySource(splits);
  return {
    bounded: true,
    enumerator: { events: (signal) => base.enumerator.events(signal), snapshot },
    reader: {
      read: (split, from, options) => {
        reads.push(`${name}:${split.id}`);
        return base.reader.read(split, from, options);
      },
    },
  };
}

/**
 * An unbounded source in memory: the test adds splits and says when its initial splits are
 * added; its enumeration ends when the signal aborts (`ended` then).
 */
class LivePart implements Source {
  readonly bounded = false;
  readonly reads: string[] = [];
  ended = false;
  private readonly queue: EnumeratorEvent[] = [];
  private wake: (() => void) | null = null;

  constructor(readonly name: string) {}

  add(split: SourceSplit): void {
    this.push({ kind: 'add', split, resume: null });
  }

  started(): void {
    this.push({ kind: 'initial-splits-added' });
  }

  private push(ev: EnumeratorEvent): void {
    this.queue.push(ev);
    this.wake?.();
  }

  readonly enumerator = {
    events: (signal: AbortSignal): AsyncIterable<EnumeratorEvent> => this.events(signal),
    snapshot: (): unknown => ({ live: this.name }),
  };

  readonly reader = {
    read: (split: SourceSplit, _from: unknown, options: { signal: AbortSignal }): AsyncIterable<ReadEvent> => {
      this.reads.push(`${this.name}:${split.id}`);
      return (split as MemorySplit).read(options.signal);
    },
  };

  private async *events(signal: AbortSignal): AsyncGenerator<EnumeratorEvent> {
    try {
      for (;;) {
        const ev = this.queue.shift();
        if (ev) {
          yield ev;
          continue;
        }
        if (signal.aborted) return;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        this.wake = null;
      }
    } finally {
      this.ended = true;
    }
  }
}

async function collect(events: AsyncIterable<EnumeratorEvent>): Promise<EnumeratorEvent[]> {
  const out: EnumeratorEvent[] = [];
  for await (const ev of events) out.push(ev);
  return out;
}

/** The text of every chunk read from `split` through `source`'s reader. */
async function readAll(source: Source, split: SourceSplit): Promise<string> {
  let text = '';
  for await (const ev of source.reader.read(split, null, { signal: new AbortController().signal }))
    if (ev.kind === 'chunk') text += ev.chunk.data.toString('utf8');
  return text;
}

function ended(id: string, ...lines: string[]): MemorySplit {
  const split = new MemorySplit(id);
  split.push(...lines);
  split.end();
  return split;
}

describe('compositeSource: bounded parts', () => {
  it('adds the parts’ splits in the parts’ order, with one no-more-splits at the very end', async () => {
    const reads: string[] = [];
    const source = compositeSource([
      boundedPart('a', [ended('a1'), ended('a2')], reads),
      boundedPart('empty', [], reads),
      boundedPart('b', [ended('b1')], reads),
      boundedPart('c', [ended('c1'), ended('c2')], reads),
    ]);
    expect(source.bounded).toBe(true);
    const events = await collect(source.enumerator.events(new AbortController().signal));
    expect(events.map(show)).toEqual(['+a1', '+a2', '+b1', '+c1', '+c2', 'no-more-splits']);
  });

  it('reads each split with the reader of the part that added it', async () => {
    const reads: string[] = [];
    const a = ended('x', 'from a');
    const b = ended('y', 'from b');
    const c = ended('z', 'from c');
    const source = compositeSource([boundedPart('A', [a], reads), boundedPart('B', [b, c], reads)]);
    const events = await collect(source.enumerator.events(new AbortController().signal));
    const added = events.flatMap((ev) => (ev.kind === 'add' ? [ev.split] : []));
    expect(added).toEqual([a, b, c]);
    // Read in another order than added: the owner goes with the split, not with the last part.
    expect(await readAll(source, c)).toBe('from c\n');
    expect(await readAll(source, a)).toBe('from a\n');
    expect(await readAll(source, b)).toBe('from b\n');
    expect(reads).toEqual(['B:z', 'A:x', 'B:y']);
  });

  it('snapshots each part’s enumerator state, in order, as it is when the snapshot is taken', async () => {
    let n = 0;
    const source = compositeSource([boundedPart('a', [ended('a1')], [], () => ({ seen: n })), boundedPart('b', [], [], () => null)]);
    expect(source.enumerator.snapshot()).toEqual({ parts: [{ seen: 0 }, null] });
    n = 3;
    expect(source.enumerator.snapshot()).toEqual({ parts: [{ seen: 3 }, null] });
  });
});

describe('partStates', () => {
  it('gives the parts’ states of a composite snapshot, also after a JSON round trip', () => {
    expect(partStates({ parts: [{ a: 1 }, 'b', null] })).toEqual([{ a: 1 }, 'b', null]);
    const source = compositeSource([boundedPart('a', [], [], () => 'A'), boundedPart('b', [], [], () => ({ cursor: 'k' }))]);
    const saved = JSON.parse(JSON.stringify(source.enumerator.snapshot())) as unknown;
    expect(partStates(saved)).toEqual(['A', { cursor: 'k' }]);
  });

  it('takes the state of a job with one source as that source’s, and none as no state', () => {
    expect(partStates({ finished: [] })).toEqual([{ finished: [] }]);
    expect(partStates({ parts: 'ab' })).toEqual([{ parts: 'ab' }]);
    expect(partStates(null)).toEqual([]);
    expect(partStates(undefined)).toEqual([]);
  });
});

describe('compositeSource: unbounded parts', () => {
  function start(parts: LivePart[]) {
    const controller = new AbortController();
    const source = compositeSource(parts);
    const got: string[] = [];
    const adds: SourceSplit[] = [];
    const done = (async () => {
      for await (const ev of source.enumerator.events(controller.signal)) {
        got.push(show(ev));
        if (ev.kind === 'add') adds.push(ev.split);
      }
    })();
    return { source, controller, got, adds, done };
  }

  it('enumerates the parts side by side: a part that adds nothing does not hold back another’s adds', async () => {
    const slow = new LivePart('slow');
    const busy = new LivePart('busy');
    const job = start([slow, busy]);
    expect(job.source.bounded).toBe(false);
    busy.add(new MemorySplit('b1'));
    busy.add(new MemorySplit('b2'));
    await settle();
    expect(job.got).toEqual(['+b1', '+b2']);
    slow.add(new MemorySplit('s1'));
    await settle();
    busy.add(new MemorySplit('b3'));
    await settle();
    expect(job.got).toEqual(['+b1', '+b2', '+s1', '+b3']);
    job.controller.abort();
    await job.done;
  });

  it('says initial-splits-added once, after every part has said it', async () => {
    const a = new LivePart('a');
    const b = new LivePart('b');
    const c = new LivePart('c');
    const job = start([a, b, c]);
    b.add(new MemorySplit('b1'));
    b.started();
    await settle();
    expect(job.got).toEqual(['+b1']);
    c.started();
    a.add(new MemorySplit('a1'));
    await settle();
    expect(job.got).toEqual(['+b1', '+a1']); // a has not said it yet
    a.add(new MemorySplit('a2'));
    a.started();
    await settle();
    expect(job.got).toEqual(['+b1', '+a1', '+a2', 'initial-splits-added']);
    // Splits added later come on; the initial splits are not said to be added again.
    c.add(new MemorySplit('c1'));
    b.add(new MemorySplit('b2'));
    await settle();
    expect(job.got).toEqual(['+b1', '+a1', '+a2', 'initial-splits-added', '+c1', '+b2']);
    job.controller.abort();
    await job.done;
    expect(job.got.filter((e) => e === 'initial-splits-added')).toHaveLength(1);
    expect(job.got).not.toContain('no-more-splits');
  });

  it('reads each split with the reader of the part that added it', async () => {
    const a = new LivePart('a');
    const b = new LivePart('b');
    const job = start([a, b]);
    const a1 = new MemorySplit('1');
    const b1 = new MemorySplit('2');
    a1.push('of a');
    a1.end();
    b1.push('of b');
    b1.end();
    b.add(b1);
    await settle();
    a.add(a1);
    await settle();
    expect(job.adds).toEqual([b1, a1]);
    expect(await readAll(job.source, a1)).toBe('of a\n');
    expect(await readAll(job.source, b1)).toBe('of b\n');
    expect(a.reads).toEqual(['a:1']);
    expect(b.reads).toEqual(['b:2']);
    expect(job.source.enumerator.snapshot()).toEqual({ parts: [{ live: 'a' }, { live: 'b' }] });
    job.controller.abort();
    await job.done;
  });

  it('ends with every part when the signal aborts', async () => {
    const a = new LivePart('a');
    const b = new LivePart('b');
    const job = start([a, b]);
    a.add(new MemorySplit('a1'));
    a.started();
    b.started();
    await settle();
    expect(job.got).toEqual(['+a1', 'initial-splits-added']);
    let finished = false;
    void job.done.then(() => (finished = true));
    await settle();
    expect(finished).toBe(false); // unbounded: it waits for more splits
    expect([a.ended, b.ended]).toEqual([false, false]);
    job.controller.abort();
    await settle();
    expect(finished).toBe(true);
    expect([a.ended, b.ended]).toEqual([true, true]);
  });
});
