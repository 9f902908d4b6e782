import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RuntimeError } from '../../../src/common/errors.js';
import { createFileSink } from '../../../src/io/sinks/file-sink.js';

describe('createFileSink', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fstream-file-sink-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates parent directories and writes NDJSON by default', async () => {
    const path = join(dir, 'out', 'nested', 'part.ndjson');
    const sink = createFileSink(path);
    sink.write({ a: 1 });
    await sink.flush();
    sink.write({ a: 'ü' });
    await sink.close();
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n{"a":"ü"}\n');
    expect(sink.closed).toBe(false);
  });

  it('truncates an existing file', async () => {
    const path = join(dir, 'out.csv');
    await writeFile(path, 'old content that is longer than the new one\n');
    const sink = createFileSink(path, 'csv');
    sink.write({ x: 1, y: 'a b' });
    await sink.close();
    expect(await readFile(path, 'utf8')).toBe('x,y\n1,a b\n');
  });

  it('writes a table without colour', async () => {
    const path = join(dir, 't.txt');
    const sink = createFileSink(path, 'table');
    sink.write({ k: 'a', v: null });
    await sink.close();
    expect(await readFile(path, 'utf8')).toBe('k  v\na  null\n');
  });

  it('writes many records in large pieces', async () => {
    const path = join(dir, 'big.ndjson');
    const sink = createFileSink(path);
    for (let i = 0; i < 100_000; i++) sink.write({ i });
    await sink.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines.length).toBe(100_001);
    expect(lines[99_999]).toBe('{"i":99999}');
  });

  it('close is idempotent', async () => {
    const sink = createFileSink(join(dir, 'x.ndjson'));
    await Promise.all([sink.close(), sink.close()]);
  });

  it('throws a RuntimeError when the directory cannot be created', async () => {
    await writeFile(join(dir, 'file'), '');
    expect(() => createFileSink(join(dir, 'file', 'sub', 'out.ndjson'))).toThrow(RuntimeError);
  });

  it('throws a RuntimeError naming the path when the file cannot be opened', () => {
    expect(() => createFileSink(dir)).toThrow(`cannot open ${dir} for writing: EISDIR`);
    expect(() => createFileSink(dir)).toThrow(RuntimeError);
  });
});
