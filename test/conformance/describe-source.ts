import { describe, expect, it } from 'vitest';
import type { LineChunk } from '../../src/engine/contracts/line-chunk.js';
import type { EnumeratorEvent, ReadPosition, SavedSplit, Source, SourceSplit } from '../../src/engine/contracts/source.js';

/** How a conformance suite makes the source under test. */
export interface SourceFixture {
  /** A source over one input holding `content`; restored from `saved` when given. */
  make(content: Buffer, saved?: SavedSplit[]): Promise<Source>;
  /** The input can be read again from a position (files, objects; not stdin). */
  replayable: boolean;
}

async function events(source: Source): Promise<EnumeratorEvent[]> {
  const out: EnumeratorEvent[] = [];
  for await (const ev of source.enumerator.events(new AbortController().signal)) out.push(ev);
  return out;
}

async function readAll(source: Source, split: SourceSplit, from: ReadPosition | null, signal = new AbortController().signal): Promise<LineChunk[]> {
  const chunks: LineChunk[] = [];
  for await (const ev of source.reader.read(split, from, { signal })) if (ev.kind === 'chunk') chunks.push(ev.chunk);
  return chunks;
}

const text = (chunks: LineChunk[]): string => Buffer.concat(chunks.map((c) => c.data)).toString();
const lines = (n: number, from = 1): string => Array.from({ length: n }, (_, i) => `{"n":${from + i}}\n`).join('');

/**
 * The contract every source keeps (see contracts/source.ts), as one suite each source runs:
 * the enumerator adds the split (then no more, for a bounded source); the reader's chunks tile
 * the content from the position asked for, each ending where the next starts, with line numbers;
 * a read ends quietly when its signal aborts; a restored source gives the split back with its
 * saved position, and reading on from it gives exactly the rest.
 */
export function describeSourceConformance(name: string, fixture: SourceFixture): void {
  describe(`source conformance: ${name}`, () => {
    it('adds its split, with a stable id and a name, then says there are no more', async () => {
      const source = await fixture.make(Buffer.from(lines(3)));
      const evs = await events(source);
      expect(evs.map((e) => e.kind)).toEqual(['add', 'no-more-splits']);
      const add = evs[0] as Extract<EnumeratorEvent, { kind: 'add' }>;
      expect(add.split.id).toMatch(/\S/);
      expect(add.split.name).toMatch(/\S/);
      expect(add.split.replayable).toBe(fixture.replayable);
      expect(add.resume).toBeNull();
      expect((await events(await fixture.make(Buffer.from(lines(3)))))[0]).toMatchObject({ split: { id: add.split.id } });
    });

    it('hands on the content as chunks that tile it: offsets and line numbers exact', async () => {
      const content = lines(50_000);
      const source = await fixture.make(Buffer.from(content));
      const add = (await events(source))[0] as Extract<EnumeratorEvent, { kind: 'add' }>;
      const chunks = await readAll(source, add.split, null);
      expect(text(chunks)).toBe(content);
      let offset = 0;
      let line = 1;
      for (const c of chunks) {
        expect([c.startOffset, c.firstLine]).toEqual([offset, line]);
        expect(c.endOffset - c.startOffset).toBe(c.data.length);
        offset = c.endOffset;
        line += c.lines;
      }
      expect([offset, line]).toEqual([Buffer.byteLength(content), 50_001]);
    });

    it('ends a read quietly when its signal aborts', async () => {
      const source = await fixture.make(Buffer.from(lines(200_000)));
      const add = (await events(source))[0] as Extract<EnumeratorEvent, { kind: 'add' }>;
      const ac = new AbortController();
      let n = 0;
      for await (const ev of source.reader.read(add.split, null, { signal: ac.signal })) {
        if (ev.kind === 'chunk' && ++n === 1) ac.abort();
      }
      expect(n).toBeLessThan(4);
    });

    if (fixture.replayable) {
      it('reads from a saved position exactly the rest, and a restored source resumes its split there', async () => {
        const content = Buffer.from(lines(30_000));
        const source = await fixture.make(content);
        const add = (await events(source))[0] as Extract<EnumeratorEvent, { kind: 'add' }>;
        const all = await readAll(source, add.split, null);
        const cut = all[Math.floor(all.length / 2)]!;
        const rest = await readAll(source, add.split, { offset: cut.startOffset, line: cut.firstLine });
        expect(text(rest)).toBe(content.subarray(cut.startOffset).toString());
        expect(rest[0]!.firstLine).toBe(cut.firstLine);
        const saved: SavedSplit = {
          id: add.split.id,
          name: add.split.name,
          identity: add.split.identity,
          offset: cut.startOffset,
          line: cut.firstLine,
          ended: false,
        };
        const again = (await events(await fixture.make(content, [saved])))[0] as Extract<EnumeratorEvent, { kind: 'add' }>;
        expect(again.split.id).toBe(add.split.id);
        expect(again.resume).toMatchObject({ offset: cut.startOffset, line: cut.firstLine });
      });
    }
  });
}
