/**
 * A worker thread's engine: runs the per-record chain over the chunks it is given (stage 1 at
 * once, stage 2 as soon as the split's prefix is known), ships pre-aggregates to the key groups'
 * owners, and is itself the owner of some key groups (merges, fires on `advance`). The worker's
 * entry point (in the application layer) gives it the plan's decoding.
 */
import type { MessagePort } from 'node:worker_threads';
import { jsonText } from '../../../common/json-text.js';
import type { Rec } from '../../../common/record.js';
import { toWire } from '../../../common/wire-error.js';
import type { Decoding } from '../../contracts/decoding.js';
import { AggregateOperator } from '../../operators/aggregate-operator.js';
import { keyOf } from '../../operators/key.js';
import { chainLinks, layoutOf } from '../../pipeline/pipeline-layout.js';
import type { PartialEntry } from '../../operators/window-store.js';
import { keyGroupOf, ownerOf } from '../../state/key-groups.js';
import type { Chunk, DeadLetter } from '../../chain/chunk.js';
import { ChunkProcessor, type Staged } from '../../chain/chunk-processor.js';
import type { BundleContent, ChunkMsg, FromWorker, PartialBundle, ToWorker, WorkerInit } from './messages.js';
import { FiredCollector } from './fired-columns.js';
import { Owner } from './owner.js';
import { OwnerSpill } from '../owner-spill.js';
import { toColumns } from './partial-columns.js';

/** Runs the worker until it is terminated: messages from `parent` in, results to it. */
export function runWorker(parent: MessagePort, init: WorkerInit, decoding: Decoding): void {
  const { plan, parallelism, index } = init;
  const layout = layoutOf(plan);
  const keyed = layout.keyed;
  const needsPrefix = plan.time.kind === 'event' && keyed !== null;
  const aggs = keyed?.step.aggs.length ?? 0;
  const ownerOfKey = (key: string): number => ownerOf(keyGroupOf(key), parallelism);
  const post = (msg: FromWorker): void => parent.postMessage(msg);

  // What one chunk produced, sent back with `done`.
  let text = '';
  let recs: Rec[] = [];
  let times: number[] = [];
  let dead: DeadLetter[] = [];
  let deadAt: number[] = [];
  let late: string[] = [];
  let lateCount = 0;

  const local = keyed ? new AggregateOperator(keyed.step, { collect: () => {} }, true) : null;
  const processor = new ChunkProcessor(
    plan,
    chainLinks(layout.chain),
    local,
    {
      output: (rec, ts) => {
        if (init.ndjsonText) text += jsonText(rec) + '\n';
        else {
          recs.push(rec);
          times.push(ts);
        }
      },
      outputRaw: (line) => {
        text += line + '\n';
      },
      deadLetter: (d) => {
        dead.push(d);
        deadAt.push(init.ndjsonText ? text.length : recs.length);
      },
      late: (line) => {
        lateCount++;
        if (line !== null) late.push(line);
      },
      stopped: false,
    },
    decoding,
  );

  // Results go as NDJSON text when the output takes it as it is (no step after the aggregation).
  const fired = new FiredCollector(init.ndjsonText);
  const spill = keyed && init.spill ? new OwnerSpill(init.spill, init.spill.budgetBytes / parallelism) : null;
  const owner = keyed
    ? new Owner(
        new AggregateOperator(
          keyed.step,
          {
            collect: (rec, _ts, change) => fired.add(rec, change!),
          },
          false,
          ownerOfKey(keyOf([])) === index,
          undefined,
          spill,
        ),
        keyed.index,
        (round, more) => post({ t: 'fired', round, results: fired.take(), more }),
        () => fired.size,
        () => post({ t: 'finished' }),
        (round, entries, maxFiredEnd, runs) => post({ t: 'snapshot', round, entries, maxFiredEnd, runs }),
        spill,
      )
    : null;

  let peers: (MessagePort | null)[] = [];
  /** Per chunk in progress: its stage counts, sent with its `done`. */
  const passedBy = new Map<string, number[]>();
  function passedSince(chunk: Chunk): number[] {
    const key = `${chunk.split}:${chunk.seq}`;
    const counts = passedBy.get(key)!;
    passedBy.delete(key);
    return counts;
  }
  /** Chunks past stage 1 waiting for their split's prefix, by `split:seq`. */
  const waiting = new Map<string, { chunk: Chunk; staged: Staged; floor: number; decoded: number }>();

  function onChunk(m: ChunkMsg, prefix: number | null, floor: number, header: string | undefined): void {
    const chunk = toChunk(m);
    const passedAt = [...processor.passed];
    // Records are counted in stage 1 without an aggregation (out of the chain), else in stage 2.
    const before = processor.records;
    const staged = processor.decode(chunk, header);
    // Stage counts come from stage 1 alone (decoding and the chain), which runs for one chunk at once.
    passedBy.set(
      `${chunk.split}:${chunk.seq}`,
      processor.passed.map((n, i) => n - passedAt[i]!),
    );
    const decoded = processor.records - before;
    if (needsPrefix) post({ t: 'max', split: chunk.split, seq: chunk.seq, maxTs: staged.maxTs });
    if (needsPrefix && prefix === null) waiting.set(`${chunk.split}:${chunk.seq}`, { chunk, staged, floor, decoded });
    else finishChunk(chunk, staged, prefix ?? -Infinity, floor, decoded);
  }

  /** Stage 2, then the pre-aggregates to their owners (an empty bundle too), then `done`. */
  function finishChunk(chunk: Chunk, staged: Staged, prefix: number, floor: number, decoded: number): void {
    const before = processor.records - decoded;
    if (local) {
      processor.aggregateStaged(staged, prefix, chunk.data, floor);
      const byOwner: PartialEntry[][] = Array.from({ length: parallelism }, () => []);
      local.drain((e) => byOwner[ownerOfKey(e.key)]!.push(e));
      const rows = local.takeRows(ownerOfKey, parallelism);
      const contents: BundleContent[] = byOwner.map((entries, j) => ({ partials: toColumns(entries, aggs), ...(rows ? { rows: rows[j]! } : {}) }));
      for (let j = 0; j < parallelism; j++) {
        const bundle: PartialBundle = { t: 'partials', split: chunk.split, seq: chunk.seq, content: contents[j]! };
        if (j === index) owner!.bundle(bundle.split, bundle.seq, bundle.content);
        else peers[j]!.postMessage(bundle);
      }
    }
    // The chunk is done with: its bytes go back to the reader (strings made from them are copies).
    const buffer = chunk.data.length > 0 ? (chunk.data.buffer as ArrayBuffer) : undefined;
    const done: FromWorker = {
      t: 'done',
      split: chunk.split,
      seq: chunk.seq,
      text,
      recs,
      times,
      dead,
      deadAt,
      late,
      lateCount,
      records: processor.records - before,
      passed: passedSince(chunk),
      maxTs: staged.maxTs,
      buffer,
    };
    parent.postMessage(done, buffer ? [buffer] : []);
    text = '';
    recs = [];
    times = [];
    dead = [];
    deadAt = [];
    late = [];
    lateCount = 0;
  }

  function handle(msg: ToWorker): void {
    switch (msg.t) {
      case 'split':
        processor.addSplit(msg.slot, msg.name, msg.maxTs);
        owner?.addSplit(msg.slot);
        break;
      case 'chunk':
        onChunk(msg.chunk, msg.prefix, msg.floor, msg.header);
        break;
      case 'prefix': {
        const key = `${msg.split}:${msg.seq}`;
        const w = waiting.get(key)!;
        waiting.delete(key);
        finishChunk(w.chunk, w.staged, msg.prefix, w.floor, w.decoded);
        break;
      }
      case 'advance':
        owner!.advance(msg.round, msg.upTo, msg.watermark, msg.early === true, msg.checkpoint === true);
        break;
      case 'pull':
        owner!.pull();
        break;
      case 'restore':
        owner?.restore(msg.entries, msg.watermark, msg.runs ? { ...msg.runs, keep: (key) => ownerOfKey(key) === index } : undefined);
        break;
      case 'committed':
        owner?.committed();
        break;
      case 'close':
        void (spill?.close() ?? Promise.resolve()).then(
          () => post({ t: 'closed' }),
          (err: unknown) => post({ t: 'error', error: toWire(err) }),
        );
        break;
      case 'finish':
        if (owner) owner.finish();
        else post({ t: 'finished' });
        break;
      case 'peers':
        peers = msg.ports;
        for (const p of peers) p?.on('message', (b: PartialBundle) => guard(() => owner!.bundle(b.split, b.seq, b.content)));
        break;
    }
  }

  /** An exception is reported to the coordinator (which stops the job), never swallowed. */
  function guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      post({ t: 'error', error: toWire(err) });
    }
  }

  parent.on('message', (msg: ToWorker) => guard(() => handle(msg)));
}

function toChunk(m: ChunkMsg): Chunk {
  return {
    split: m.split,
    seq: m.seq,
    data: Buffer.from(m.buffer, 0, m.length),
    firstLine: m.firstLine,
    lines: m.lines,
    startOffset: m.startOffset,
    endOffset: m.endOffset,
    oversized: m.oversized.map((o) => ({ line: o.line, head: Buffer.from(o.head) })),
    readAtMs: m.readAtMs,
  };
}
