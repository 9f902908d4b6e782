// A log-writing process for the follow tests, started with `fork` (an IPC channel): it appends
// NDJSON lines to log files at a steady rate, in batches, and rotates them when told, while the
// test's fstream follows the files.
//
// Each stream writes `{"f":STREAM,"seq":N,"g":G,"pad":"…"}`: `seq` counts the stream's lines
// from 1 without gaps; `g` (the generation) changes whenever the stream starts on another file
// content (a reopen, a truncation), so the lines of one generation sit in one file, in order.
//
// Requests are `{ id, op, ...args }`, answered `{ id, result }` or `{ id, error }`:
//   open { stream, path }             write the stream to `path` (created; appended to)
//   rate { linesPerSec }              lines per second over all streams (batches every 10 ms)
//   rename { stream, to, lingerMs }   `mv path to`, go on writing to the old descriptor for
//                                     lingerMs, then reopen `path` (a daemon told to reopen)
//   unlink { stream, lingerMs }       `rm path`, then the same
//   copytruncate { stream, to, gapMs } copy the file to `to`, go on writing for gapMs (0: not at
//                                     all), truncate it; answers the seqs written in between
//   ackFile { path }                  on SIGHUP (logrotate's postrotate), reopen every stream
//                                     and then write `path`
//   stop {}                           stop writing; answers the summary
//   summary {}                        what was written so far
// The summary: { streams: { [stream]: { last, generations: [{ g, path, from, to }] } } }, a
// generation with no line yet having to = from - 1.
import { closeSync, copyFileSync, ftruncateSync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const TICK_MS = 10;
const PAD = 'x'.repeat(48);

/** @type {Map<string, {path: string, fd: number, seq: number, g: number, generations: {g: number, path: string, from: number, to: number}[], open: boolean}>} */
const streams = new Map();
let linesPerSec = 1000;
let owed = 0;
let lastTick = Date.now();
let ackPath = null;

function openStream(s) {
  mkdirSync(dirname(s.path), { recursive: true });
  s.fd = openSync(s.path, 'a');
  newGeneration(s);
}

function newGeneration(s) {
  s.g++;
  s.generations.push({ g: s.g, path: s.path, from: s.seq + 1, to: s.seq });
}

function reopen(s) {
  closeSync(s.fd);
  openStream(s);
}

/** Appends `n` lines to `s` in one write. */
function writeLines(s, n) {
  if (n <= 0) return;
  let text = '';
  for (let i = 0; i < n; i++) text += `{"f":"${s.name}","seq":${++s.seq},"g":${s.g},"pad":"${PAD}"}\n`;
  writeSync(s.fd, text);
  s.generations[s.generations.length - 1].to = s.seq;
}

function tick() {
  const now = Date.now();
  owed += ((now - lastTick) * linesPerSec) / 1000;
  lastTick = now;
  const open = [...streams.values()].filter((s) => s.open);
  if (open.length === 0) {
    owed = 0;
    return;
  }
  // After a stall (a busy machine), catch up by at most a second's worth.
  owed = Math.min(owed, linesPerSec);
  const per = Math.floor(owed / open.length);
  if (per === 0) return;
  for (const s of open) writeLines(s, per);
  owed -= per * open.length;
}

const timer = setInterval(tick, TICK_MS);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function summary() {
  const out = {};
  for (const [name, s] of streams) out[name] = { last: s.seq, generations: s.generations.map((g) => ({ ...g })) };
  return { streams: out };
}

function stream(name) {
  const s = streams.get(name);
  if (s === undefined) throw new Error(`no stream ${name}`);
  return s;
}

const ops = {
  open({ stream: name, path }) {
    const old = streams.get(name);
    if (old?.open) closeSync(old.fd);
    const s = old ?? { name, path, fd: -1, seq: 0, g: 0, generations: [], open: true };
    s.path = path;
    s.open = true;
    openStream(s);
    streams.set(name, s);
  },
  rate({ linesPerSec: r }) {
    linesPerSec = r;
  },
  async rename({ stream: name, to, lingerMs = 0 }) {
    const s = stream(name);
    renameSync(s.path, to);
    await sleep(lingerMs);
    reopen(s);
  },
  async unlink({ stream: name, lingerMs = 0 }) {
    const s = stream(name);
    unlinkSync(s.path);
    await sleep(lingerMs);
    reopen(s);
  },
  async copytruncate({ stream: name, to, gapMs = 0 }) {
    const s = stream(name);
    copyFileSync(s.path, to);
    const from = s.seq + 1;
    if (gapMs > 0) await sleep(gapMs);
    const window = { from, to: s.seq };
    ftruncateSync(s.fd, 0);
    newGeneration(s);
    return window;
  },
  ackFile({ path }) {
    ackPath = path;
  },
  stop() {
    clearInterval(timer);
    for (const s of streams.values()) {
      if (s.open) closeSync(s.fd);
      s.open = false;
    }
    return summary();
  },
  summary,
};

process.on('SIGHUP', () => {
  for (const s of streams.values()) if (s.open) reopen(s);
  if (ackPath !== null) writeFileSync(ackPath, '');
});

process.on('message', async (msg) => {
  try {
    const result = await ops[msg.op](msg);
    process.send({ id: msg.id, result: result ?? null });
  } catch (err) {
    process.send({ id: msg.id, error: String(err?.stack ?? err) });
  }
});

process.on('disconnect', () => process.exit(0));
