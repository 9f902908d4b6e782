import fc from 'fast-check';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../../src/dsl/compile-query.js';
import { JobDriver } from '../../../src/engine/runtime/job-driver.js';
import { LocalExecutor } from '../../../src/engine/runtime/local-executor.js';
import { ParallelExecutor } from '../../../src/engine/runtime/parallel/parallel-executor.js';
import { decodingFor } from '../../../src/io/formats/decoding.js';
import { MemorySink } from '../../support/driver-harness.js';
import { MemorySplit, memorySource } from '../../support/memory-source.js';
import { ROOT } from '../../support/run-cli.js';

/** The built worker entry (`npm test` builds first). */
const WORKER_ENTRY = pathToFileURL(path.join(ROOT, 'dist/app/worker-entry.js'));

const QUERIES = [
  'json | where v > 2 | window tumbling 10s | count, sum(v), max(v) by k',
  'json | window sliding 20s every 10s | count_distinct(v) as d by k',
  'json | window session 5s | count, first(v), last(v) by k',
  'json | count, avg(v) by k',
];

/** Runs `query` over `inputs` (one split each) with the local executor, or the parallel one at `p`. */
async function run(query: string, inputs: string[][], p: number) {
  const { plan } = compileQuery(query, { time: 'ts', lag: '3s' });
  const sink = new MemorySink();
  const splits = inputs.map((lines, i) => {
    const s = new MemorySplit(`in${i}`);
    for (let j = 0; j < lines.length; j += 7) s.push(...lines.slice(j, j + 7));
    s.end();
    return s;
  });
  const decoding = decodingFor(plan, { ndjsonOut: false, lateOut: false });
  const driver = new JobDriver({
    plan,
    source: memorySource(splits),
    decoding,
    output: { sink },
    executor: ({ layout, output, events, buffers }) =>
      p === 1
        ? new LocalExecutor(plan, layout, decoding, output, events, buffers)
        : new ParallelExecutor({ plan, layout, parallelism: p, output, events, buffers, workerEntry: WORKER_ENTRY, ndjsonText: false, lateOut: false }),
    parallelism: p,
  });
  const summary = await driver.run();
  return { records: sink.records, late: summary.lateRecords, count: summary.records };
}

const event = fc.record({ sec: fc.integer({ min: 0, max: 120 }), k: fc.constantFrom('a', 'b', 'c'), v: fc.integer({ min: 0, max: 9 }) });
const line = (e: { sec: number; k: string; v: number }): string =>
  JSON.stringify({ ts: new Date(Date.UTC(2026, 2, 1, 10, 0, e.sec)).toISOString(), k: e.k, v: e.v });

describe('executors', () => {
  it('the parallel executor gives the local executor’s results, in the same order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...QUERIES),
        fc.array(fc.array(event, { maxLength: 40 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(2, 3),
        async (query, inputs, p) => {
          const lines = inputs.map((events) => events.map(line));
          const local = await run(query, lines, 1);
          const parallel = await run(query, lines, p);
          expect(parallel).toEqual(local);
        },
      ),
      { numRuns: 12 },
    );
  }, 60_000);
});
