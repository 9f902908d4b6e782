import { describe, expect, it } from 'vitest';
import type { LineChunk } from '../../src/engine/contracts/line-chunk.js';
import type { EnumeratorEvent, ReadPosition, SavedSplit, Source, SourceSplit } from '../../src/engine/contracts/source.js';

/** How a conformance suite makes the source under test. */
export interface SourceFixture {
  /** A source over one input holding `content`; restored from `saved` when given. */
  make(content: Buffer, saved?: SavedSplit[]): Promise<Source>;
  /** The input can be read again from a position (files, objects; not stdin). */
  replayable: boolean;
  /**
   * False for an unbounded source (followed files): its enumerator goes on until stopped instead
   * of saying there are no more splits, and a read waits at the end of the input for more instead
   * of ending. Bounded when not given.
   */
  bounded?: boolean;
  /** An unbounded source's input grows: appends `more` to the input of the source made last. */
  append?(more: Buffer): Promise<void>;
}

type AddEvent = Extract<EnumeratorEvent, { kind: 'add' }>;

/** How long an unbounded source is watched after it has done what it was asked, to see that it does nothing more (end, say no-more-splits). */
const QUIET_MS = 150;
/** How long an unbounded read may take to reach the end of its input. */
const READ_DEADLINE_MS = 10_000;

/** The enumerator's events, from a running enumerator: its splits are read while it runs. */
interface Enumeration {
  /** Its first `add`. */
  add: AddEvent;
  /** Stops it (an unbounded one after it has been quiet QUIET_MS more): its events, once its iteration has ended. */
  stop(): Promise<EnumeratorEvent[]>;
}

/**
 * Runs the enumerator until its first split: a bounded one to its end, an unbounded one on in
 * the background until `stop` (when its iteration must end).
 */
async function enumerate(source: Source, bounded: boolean): Promise<Enumeration> {
  const out: EnumeratorEvent[] = [];
  const ac = new AbortController();
  let added!: () => void;
  const firstAdded = new Promise<void>((resolve) => (added = resolve));
  const done = (async () => {
    for await (const ev of source.enumerator.events(ac.signal)) {
      out.push(ev);
      if (ev.kind === 'add') added();
    }
  })();
  await Promise.race([firstAdded, done]);
  const add = out.find((e): e is AddEvent => e.kind === 'add');
  expect(add, 'the enumerator adds the split').toBeDefined();
  return {
    add: add!,
    async stop() {
      if (!bounded) {
        await new Promise((r) => setTimeout(r, QUIET_MS));
        expect(
          out.some((e) => e.kind === 'no-more-splits'),
          'an unbounded enumerator does not say there are no more splits',
        ).toBe(false);
        ac.abort();
      }
      await done;
      return out;
    },
  };
}

/**
 * The chunks of a read from `from`: to the split's end (bounded); or (unbounded) until they reach
 * `until` — the end of the input — and QUIET_MS more, in which nothing may come and the read may
 * not end; then the read is stopped, and must end quietly.
 */
async function readAll(source: Source, split: SourceSplit, from: ReadPosition | null, bounded: boolean, until = 0): Promise<LineChunk[]> {
  const chunks: LineChunk[] = [];
  const ac = new AbortController();
  let quiet: NodeJS.Timeout | undefined;
  let atEnd = -1;
  const deadline = setTimeout(() => ac.abort(), READ_DEADLINE_MS);
  const reachedEnd = (): void => {
    atEnd = chunks.length;
    quiet = setTimeout(() => ac.abort(), QUIET_MS);
  };
  if (!bounded && (from?.offset ?? 0) >= until) reachedEnd();
  try {
    for await (const ev of source.reader.read(split, from, { signal: ac.signal })) {
      if (ev.kind !== 'chunk') continue;
      chunks.push(ev.chunk);
      if (!bounded && quiet === undefined && ev.chunk.endOffset >= until) reachedEnd();
    }
  } finally {
    clearTimeout(deadline);
    clearTimeout(quiet);
  }
  if (!bounded) {
    expect(atEnd, `the read reaches the end of the input (${until}) within ${READ_DEADLINE_MS} ms`).toBeGreaterThanOrEqual(0);
    expect(ac.signal.aborted, 'an unbounded read waits at the end of the input instead of ending').toBe(true);
    expect(chunks.length, 'nothing is read past the end of the input').toBe(atEnd);
  }
  return chunks;
}

const text = (chunks: LineChunk[]): string => Buffer.concat(chunks.map((c) => c.data)).toString();
const lines = (n: number, from = 1): string => Array.from({ length: n }, (_, i) => `{"n":${from + i}}\n`).join('');

/** Consecutive chunks from `start` each start where the last ended, with the next line number; returns where they end. */
function expectTiling(chunks: LineChunk[], start: ReadPosition): ReadPosition {
  let { offset, line } = start;
  for (const c of chunks) {
    expect([c.startOffset, c.firstLine]).toEqual([offset, line]);
    expect(c.endOffset - c.startOffset).toBe(c.data.length);
    offset = c.endOffset;
    line += c.lines;
  }
  return { offset, line };
}

/**
 * The contract every source keeps (see contracts/source.ts), as one suite each source runs:
 * the enumerator adds the split (then no more, for a bounded source; an unbounded one goes on
 * until stopped); the reader's chunks tile the content from the position asked for, each ending
 * where the next starts, with line numbers (and, unbounded, wait at its end, and go on with what
 * is appended); a read ends quietly when its signal aborts; a restored source gives the split
 * back with its saved position, and reading on from it gives exactly the rest.
 */
export function describeSourceConformance(name: string, fixture: SourceFixture): void {
  const bounded = fixture.bounded ?? true;
  describe(`source conformance: ${name}`, () => {
    it(
      bounded
        ? 'adds its split, with a stable id and a name, then says there are no more'
        : 'adds its split, with a stable id and a name, and goes on until stopped without saying there are no more',
      async () => {
        const source = await fixture.make(Buffer.from(lines(3)));
        expect(source.bounded).toBe(bounded);
        const evs = await (await enumerate(source, bounded)).stop();
        expect(evs.map((e) => e.kind)).toEqual(bounded ? ['add', 'no-more-splits'] : ['add', 'initial-splits-added']);
        const add = evs[0] as AddEvent;
        expect(add.split.id).toMatch(/\S/);
        expect(add.split.name).toMatch(/\S/);
        expect(add.split.replayable).toBe(fixture.replayable);
        expect(add.resume).toBeNull();
        const again = await enumerate(await fixture.make(Buffer.from(lines(3))), bounded);
        await again.stop();
        expect(again.add.split.id).toBe(add.split.id);
      },
    );

    it(
      bounded
        ? 'hands on the content as chunks that tile it: offsets and line numbers exact'
        : 'hands on the content as chunks that tile it: offsets and line numbers exact; then waits at its end',
      async () => {
        const content = lines(50_000);
        const source = await fixture.make(Buffer.from(content));
        const e = await enumerate(source, bounded);
        const chunks = await readAll(source, e.add.split, null, bounded, Buffer.byteLength(content)).finally(() => e.stop());
        expect(text(chunks)).toBe(content);
        expect(expectTiling(chunks, { offset: 0, line: 1 })).toEqual({ offset: Buffer.byteLength(content), line: 50_001 });
      },
    );

    it('ends a read quietly when its signal aborts', async () => {
      const source = await fixture.make(Buffer.from(lines(200_000)));
      const e = await enumerate(source, bounded);
      const ac = new AbortController();
      let n = 0;
      try {
        for await (const ev of source.reader.read(e.add.split, null, { signal: ac.signal })) {
          if (ev.kind === 'chunk' && ++n === 1) ac.abort();
        }
      } finally {
        await e.stop();
      }
      expect(n).toBeLessThan(4);
    });

    if (!bounded) {
      it('reads on what is appended to its input, from where it waited', async () => {
        const first = lines(1000, 1_000_000);
        const more = lines(500, 2_000_000);
        const source = await fixture.make(Buffer.from(first));
        const e = await enumerate(source, bounded);
        const ac = new AbortController();
        const chunks: LineChunk[] = [];
        const total = Buffer.byteLength(first + more);
        const deadline = setTimeout(() => ac.abort(), READ_DEADLINE_MS);
        let appending: Promise<void> | undefined;
        try {
          for await (const ev of source.reader.read(e.add.split, null, { signal: ac.signal })) {
            if (ev.kind !== 'chunk') continue;
            chunks.push(ev.chunk);
            const at = ev.chunk.endOffset;
            // Appended once the read has waited at the end a while.
            if (at === Buffer.byteLength(first)) appending ??= new Promise((r) => setTimeout(r, QUIET_MS)).then(() => fixture.append!(Buffer.from(more)));
            if (at >= total) ac.abort();
          }
        } finally {
          clearTimeout(deadline);
          await appending;
          await e.stop();
        }
        expect(text(chunks)).toBe(first + more);
        expect(expectTiling(chunks, { offset: 0, line: 1 })).toEqual({ offset: total, line: 1501 });
      });

      it('holds a last line without a newline until it is completed', async () => {
        const first = lines(3, 3_000_000);
        const source = await fixture.make(Buffer.from(first + '{"n":'));
        const e = await enumerate(source, bounded);
        try {
          const chunks = await readAll(source, e.add.split, null, bounded, Buffer.byteLength(first));
          expect(text(chunks)).toBe(first);
          await fixture.append!(Buffer.from('4}\n'));
          const rest = await readAll(source, e.add.split, { offset: Buffer.byteLength(first), line: 4 }, bounded, Buffer.byteLength(first + '{"n":4}\n'));
          expect(text(rest)).toBe('{"n":4}\n');
        } finally {
          await e.stop();
        }
      });
    }

    if (fixture.replayable) {
      it('reads from a saved position exactly the rest, and a restored source resumes its split there', async () => {
        const content = Buffer.from(lines(30_000));
        let cut: LineChunk;
        const source = await fixture.make(content);
        const e = await enumerate(source, bounded);
        const { add } = e;
        try {
          const all = await readAll(source, add.split, null, bounded, content.length);
          cut = all[Math.floor(all.length / 2)]!;
          const rest = await readAll(source, add.split, { offset: cut.startOffset, line: cut.firstLine }, bounded, content.length);
          expect(text(rest)).toBe(content.subarray(cut.startOffset).toString());
          expect(rest[0]!.firstLine).toBe(cut.firstLine);
        } finally {
          await e.stop();
        }
        const saved: SavedSplit = {
          id: add.split.id,
          name: add.split.name,
          identity: add.split.identity,
          offset: cut.startOffset,
          line: cut.firstLine,
          ended: false,
        };
        const restored = await fixture.make(content, [saved]);
        const r = await enumerate(restored, bounded);
        try {
          expect(r.add.split.id).toBe(add.split.id);
          expect(r.add.resume).toMatchObject({ offset: cut.startOffset, line: cut.firstLine });
          const resumed = await readAll(restored, r.add.split, r.add.resume, bounded, content.length);
          expect(text(resumed)).toBe(content.subarray(cut.startOffset).toString());
        } finally {
          await r.stop();
        }
      });
    }
  });
}
