/**
 * The entry point of a worker thread: the composition root that gives the engine's worker the
 * plan's decoding (the input formats live in io).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runWorker } from '../engine/runtime/parallel/worker-runtime.js';
import type { WorkerInit } from '../engine/runtime/parallel/messages.js';
import { decodingFor } from '../io/formats/decoding.js';

const init = workerData as WorkerInit;
runWorker(parentPort!, init, decodingFor(init.plan, { ndjsonOut: init.ndjsonText, lateOut: init.lateOut }));
