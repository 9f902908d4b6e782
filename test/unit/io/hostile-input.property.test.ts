import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../../src/dsl/compile.js';
import type { Plan } from '../../../src/plan/types.js';
import type { Rec } from '../../../src/common/record.js';
import type { Chunk } from '../../../src/engine/chain/chunk.js';
import { chainLinks, layoutOf } from '../../../src/engine/pipeline/pipeline-layout.js';
import { ChunkProcessor, type ProcessorSink } from '../../../src/engine/chain/chunk-processor.js';
import { headerKind, headerRowOf } from '../../../src/io/formats/decoder-factory.js';
import { decodingFor } from '../../../src/io/formats/decoding.js';
import { cut, frameAll } from './framing-helpers.js';
import { formatStage, HOSTILE_INPUT, linesOf, skippedLines, type Format } from '../../support/hostile-input.js';

/** Runs per format; raise locally (e.g. HOSTILE_RUNS=5000) for a deeper search. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 150);

/** A stateless pipeline per format: every field as decoded, or a projection of a few. */
function queries(format: Format): { query: string; ndjsonOut: boolean }[] {
  const first = formatStage(format);
  const out = [
    { query: `${first} | where true`, ndjsonOut: false },
    { query: `${first} | select a, status, line, path`, ndjsonOut: false },
  ];
  // NDJSON out: a pure filter writes lines as read; a projection reads fields from the bytes.
  if (format === 'json') out.push({ query: 'json | where a == null or a != null', ndjsonOut: true }, { query: 'json | select a', ndjsonOut: true });
  return out;
}

interface Outcome {
  out: string[];
  dead: { line: number; error: string }[];
}

/** A sink that keeps what came out: records as JSON text, pass-through lines as they are. */
function collect(): { sink: ProcessorSink; outcome: Outcome } {
  const outcome: Outcome = { out: [], dead: [] };
  const sink: ProcessorSink = {
    output: (rec: Rec) => outcome.out.push(JSON.stringify(rec)),
    outputRaw: (line) => outcome.out.push(line),
    deadLetter: (d) => outcome.dead.push({ line: d.line, error: d.error }),
    late: () => {},
    stopped: false,
  };
  return { sink, outcome };
}

/**
 * The input through the framer and the processor, as a job does: one processor for all chunks
 * (as at -p 1), or one per worker with chunks dealt round-robin and the header row handed to
 * each chunk that starts after it (as at -p 2).
 */
function run(plan: Plan, ndjsonOut: boolean, input: Buffer, sizes: number[], maxLineBytes: number, workers: number): Outcome {
  const chain = chainLinks(layoutOf(plan).chain);
  const { sink, outcome } = collect();
  const processors = Array.from({ length: workers }, () => new ChunkProcessor(plan, chain, null, sink, decodingFor(plan, { ndjsonOut, lateOut: false })));
  for (const p of processors) p.addSplit(0, 'fuzz');
  const chunks = frameAll(cut(input, sizes), { targetChunkBytes: 64, maxLineBytes, headBytes: 16 });
  const kind = headerKind(plan.format);
  let header: { text: string; line: number } | undefined;
  chunks.forEach((c, seq) => {
    const known = header;
    if (kind !== null && header === undefined) header = headerRowOf(kind, c.data, c.firstLine);
    const chunk: Chunk = { ...c, split: 0, seq, readAtMs: 0 };
    processors[seq % workers]!.process(chunk, known !== undefined && c.firstLine > known.line ? known.text : undefined);
  });
  return outcome;
}

describe('hostile input (property): every line is a record, a bad record, or rightly skipped', () => {
  for (const format of ['json', 'logfmt', 'csv', 'tsv', 'lines', 'nginx', 'apache', 'regex'] as const) {
    it(format, () => {
      const plans = queries(format).map(({ query, ndjsonOut }) => ({ plan: compileQuery(query, {}).plan, ndjsonOut }));
      fc.assert(
        fc.property(
          HOSTILE_INPUT[format],
          fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 4 }),
          fc.integer({ min: 24, max: 400 }),
          fc.nat(plans.length - 1),
          (input, sizes, maxLineBytes, which) => {
            const { plan, ndjsonOut } = plans[which]!;
            const single = run(plan, ndjsonOut, input, sizes, maxLineBytes, 1);
            const lines = linesOf(input);
            expect(single.out.length + single.dead.length).toBe(lines.length - skippedLines(format, input, maxLineBytes));
            const oversized = lines.filter((l) => l.bytes > maxLineBytes).length;
            expect(single.dead.filter((d) => d.error === 'line longer than 1 MiB').length).toBe(oversized);
            // Results do not depend on how chunks are dealt to workers.
            expect(run(plan, ndjsonOut, input, sizes, maxLineBytes, 2)).toEqual(single);
          },
        ),
        { numRuns: RUNS },
      );
    });
  }
});
