import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RuntimeError } from '../../../src/common/errors.js';
import { BufferedOutput } from '../../../src/io/sinks/buffered-output.js';
import { MemoryWritable } from './helpers.js';

describe('BufferedOutput', () => {
  it('holds small writes in memory and hands them over in one write at flush', async () => {
    const stream = new MemoryWritable();
    const out = new BufferedOutput(stream, { name: 'test' });
    for (let i = 0; i < 100; i++) out.write(`line ${i}\n`);
    expect(stream.chunks).toEqual([]);
    await out.flush();
    expect(stream.chunks.length).toBe(1);
    expect(stream.text.split('\n').length).toBe(101);
  });

  it('writes once the buffer reaches bufferChars, in large pieces', () => {
    const stream = new MemoryWritable({ highWaterMark: 1 << 20 });
    const out = new BufferedOutput(stream, { name: 'test', bufferChars: 1000 });
    for (let i = 0; i < 1000; i++) out.write('0123456789');
    expect(stream.chunks.length).toBe(10);
    expect(stream.chunks.every((c) => c.length === 1000)).toBe(true);
  });

  it('flush waits for drain when the stream is full', async () => {
    const stream = new MemoryWritable({ highWaterMark: 16, delayMs: 10 });
    const out = new BufferedOutput(stream, { name: 'test', bufferChars: 64 });
    for (let i = 0; i < 10; i++) out.write('x'.repeat(64));
    let drained = false;
    let settled = false;
    stream.on('drain', () => (drained = true));
    const p = out.flush().then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false);
    await p;
    expect(drained).toBe(true);
    expect(stream.writableLength).toBe(0);
    expect(stream.text.length).toBe(640);
  });

  it('concurrent flushes share one wait for drain', async () => {
    const stream = new MemoryWritable({ highWaterMark: 4, delayMs: 10 });
    const out = new BufferedOutput(stream, { name: 'test' });
    out.write('hello world');
    await Promise.all([out.flush(), out.flush()]);
    expect(stream.text).toBe('hello world');
  });

  it('a reader that goes away (EPIPE) closes the output quietly', async () => {
    const head = spawn('head', ['-c', '1'], { stdio: ['pipe', 'ignore', 'inherit'] });
    const out = new BufferedOutput(head.stdin, { name: 'stdout' });
    const line = 'a line of output that goes nowhere after the first byte\n';
    for (let batch = 0; batch < 100_000 && !out.closed; batch++) {
      for (let i = 0; i < 1000; i++) out.write(line);
      await out.flush();
    }
    expect(out.closed).toBe(true);
    out.write('dropped');
    await expect(out.flush()).resolves.toBeUndefined();
    await expect(out.end()).resolves.toBeUndefined();
  });

  it('any other stream error rejects flush with a RuntimeError naming the output', async () => {
    const failing = new Writable({
      write(_chunk, _enc, cb) {
        const err = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        cb(err);
      },
    });
    const out = new BufferedOutput(failing, { name: 'out/x.ndjson' });
    out.write('data');
    const err = await out.flush().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as Error).message).toBe('cannot write to out/x.ndjson: ENOSPC: no space left on device');
    expect(out.closed).toBe(false);
    await expect(out.flush()).rejects.toBe(err);
    await expect(out.end()).rejects.toBe(err);
  });

  it('a drain that happened while nobody flushed does not make a later flush wait forever', async () => {
    const slow = new Writable({
      highWaterMark: 4,
      write(_chunk, _enc, cb) {
        setTimeout(cb, 5);
      },
    });
    const out = new BufferedOutput(slow, { name: 'stdout', bufferChars: 1 });
    out.write('more than the high-water mark'); // spills at once: write() returns false
    await new Promise((r) => slow.once('drain', r)); // drained before anyone flushed
    const result = await Promise.race([out.flush().then(() => 'flushed'), new Promise((r) => setTimeout(() => r('stuck'), 1000))]);
    expect(result).toBe('flushed');
  });
});
