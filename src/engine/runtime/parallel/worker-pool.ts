import { MessageChannel, Worker, type MessagePort, type TransferListItem } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { RuntimeError } from '../../../common/errors.js';
import { fromWire } from '../../../common/wire-error.js';
import type { FromWorker, ToWorker, WorkerInit } from './messages.js';

/**
 * The worker threads of a parallel job: started from `entry` (the application's worker entry),
 * connected to each other by message ports (for partial aggregates to key owners), their
 * messages handed to `onMessage` and their failures — an error they report (with its class and
 * exit code), a crash, an unexpected exit — to `onFailure`.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];

  constructor(
    entry: URL,
    init: (index: number) => WorkerInit,
    readonly size: number,
    onMessage: (worker: number, msg: FromWorker) => void,
    onFailure: (err: Error) => void,
    /** An aggregating job's workers start with larger young generations (see below). */
    aggregating: boolean,
  ) {
    // An aggregating worker's young generation starts small (about 1 MB semi-spaces) and grows
    // slowly, so records waiting for their chunk's prefix survive scavenges and get copied: with
    // 16 MB from the start scavenges halve and GC time drops ~40% (trace-gc, tumbling-route,
    // 200 MB). A filter's records die at once, and a small young generation that stays in the
    // CPU caches is faster for it. V8 reads the flag when an isolate is made: the workers below.
    if (aggregating) setFlagsFromString('--min-semi-space-size=16');
    for (let i = 0; i < size; i++) {
      const w = new Worker(entry, { workerData: init(i) });
      w.on('message', (msg: FromWorker) => {
        if (msg.t === 'error') onFailure(fromWire(msg.error));
        else onMessage(i, msg);
      });
      w.on('error', (err) => onFailure(new RuntimeError(`worker ${i + 1} failed: ${err.message}`, { cause: err })));
      w.on('exit', (code) => {
        if (code !== 0 && code !== 1) onFailure(new RuntimeError(`worker ${i + 1} exited with code ${code}`));
      });
      this.workers.push(w);
    }
    const ports: (MessagePort | null)[][] = Array.from({ length: size }, () => new Array<MessagePort | null>(size).fill(null));
    for (let i = 0; i < size; i++) {
      for (let j = i + 1; j < size; j++) {
        const ch = new MessageChannel();
        ports[i]![j] = ch.port1;
        ports[j]![i] = ch.port2;
      }
    }
    for (let i = 0; i < size; i++) {
      const mine = ports[i]!;
      this.post(
        i,
        { t: 'peers', ports: mine },
        mine.filter((x): x is MessagePort => x !== null),
      );
    }
  }

  post(worker: number, msg: ToWorker, transfer: TransferListItem[] = []): void {
    this.workers[worker]!.postMessage(msg, transfer);
  }

  broadcast(msg: ToWorker): void {
    for (const w of this.workers) w.postMessage(msg);
  }

  terminate(): Promise<unknown> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}
