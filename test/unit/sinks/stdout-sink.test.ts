import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStdoutSink } from '../../../src/io/sinks/stdout-sink.js';
import { MemoryWritable } from './helpers.js';

describe('createStdoutSink', () => {
  it('writes NDJSON to a pipe by default, nothing before flush', async () => {
    const stream = new MemoryWritable({ isTTY: false });
    const sink = createStdoutSink(undefined, { stream });
    sink.write({ a: 1 });
    sink.write({ a: 2, b: 'x' });
    expect(stream.text).toBe('');
    await sink.flush();
    expect(stream.text).toBe('{"a":1}\n{"a":2,"b":"x"}\n');
    expect(sink.closed).toBe(false);
  });

  it('writes a table on a terminal, coloured unless told otherwise', async () => {
    const stream = new MemoryWritable({ isTTY: true });
    const sink = createStdoutSink(undefined, { stream, color: false });
    sink.write({ k: 'a', n: 10 });
    sink.write({ k: 'bb', n: 2 });
    await sink.close();
    expect(stream.text).toBe('k    n\na   10\nbb   2\n');
  });

  it('fits a table to the terminal width, and not when stdout is no terminal', async () => {
    const wide = { k: 'a', v: 'x'.repeat(40) };
    const tty = Object.assign(new MemoryWritable({ isTTY: true }), { columns: 20 });
    const onTerminal = createStdoutSink('table', { stream: tty, color: false, keyColumns: ['k'] });
    onTerminal.write(wide);
    await onTerminal.close();
    expect(tty.text).toBe(`k  v\na  ${'x'.repeat(16)}…\n`);
    const pipe = Object.assign(new MemoryWritable({ isTTY: false }), { columns: 20 });
    const piped = createStdoutSink('table', { stream: pipe, color: false });
    piped.write(wide);
    await piped.close();
    expect(pipe.text).toBe(`k  v\na  ${'x'.repeat(40)}\n`);
  });

  it('honours -o csv on a terminal', async () => {
    const stream = new MemoryWritable({ isTTY: true });
    const sink = createStdoutSink('csv', { stream });
    sink.write({ k: 'a,b' });
    await sink.close();
    expect(stream.text).toBe('k\n"a,b"\n');
  });

  it('does not end the stream at close unless asked', async () => {
    const kept = new MemoryWritable();
    await createStdoutSink('ndjson', { stream: kept }).close();
    expect(kept.writableEnded).toBe(false);
    const ended = new MemoryWritable();
    await createStdoutSink('ndjson', { stream: ended, end: true }).close();
    expect(ended.writableFinished).toBe(true);
  });
});

// The real thing: a node process writing through the sink to process.stdout, piped into
// `head -1`. It runs the built sink in dist/ (`npm test` builds first).
describe('stdout closed by the reader (| head -1)', () => {
  let dir = '';
  const root = fileURLToPath(new URL('../../..', import.meta.url));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fstream-sinks-'));
    const sinkModule = pathToFileURL(join(root, 'dist/io/sinks/stdout-sink.js')).href;
    await writeFile(
      join(dir, 'child.mjs'),
      `import { createStdoutSink } from '${sinkModule}';
const sink = createStdoutSink(process.argv[2]);
let i = 0;
while (!sink.closed && i < 20_000_000) {
  for (let j = 0; j < 1000; j++) sink.write({ i: i++, msg: 'hello world' });
  await sink.flush();
}
await sink.close();
if (!sink.closed) process.exitCode = 3;
`,
    );
  });

  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  function run(format: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const cmd = `{ node child.mjs ${format}; echo "child exit $?" >&2; } | head -1`;
    const child = spawn('sh', ['-c', cmd], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
  }

  it('exits 0 with no stack trace when head goes away (ndjson)', async () => {
    const r = await run('ndjson');
    expect(r.stderr).toBe('child exit 0\n');
    expect(r.stdout).toBe('{"i":0,"msg":"hello world"}\n');
    expect(r.code).toBe(0);
  });

  it('exits 0 with no stack trace when head goes away (csv)', async () => {
    const r = await run('csv');
    expect(r.stderr).toBe('child exit 0\n');
    expect(r.stdout).toBe('i,msg\n');
  });
});
