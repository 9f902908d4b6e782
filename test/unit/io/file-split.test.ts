import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.js';
import { createFileSplit, createStdinSplit } from '../../../src/io/sources/index.js';
import { makeTree, readSplit } from './sources-helpers.js';

describe('file split', () => {
  const text = 'line one\nline two\nline three\n';

  it('reads a plain file, from an offset too', async () => {
    const root = makeTree({ 'a.log': text });
    const split = createFileSplit(join(root, 'a.log'), 'a.log');
    expect(split).toMatchObject({ name: 'a.log', replayable: true, kind: 'file' });
    expect((await readSplit(split)).toString()).toBe(text);
    expect((await readSplit(split, 9)).toString()).toBe('line two\nline three\n');
  });

  it('detects gzip by magic bytes, not by the extension', async () => {
    const root = makeTree({ 'gz.log': gzipSync(text), 'plain.gz': text });
    expect((await readSplit(createFileSplit(join(root, 'gz.log')))).toString()).toBe(text);
    expect((await readSplit(createFileSplit(join(root, 'plain.gz')))).toString()).toBe(text);
  });

  it('reads multi-member gzip (cat a.gz b.gz) and skips decompressed bytes', async () => {
    const root = makeTree({ 'm.gz': Buffer.concat([gzipSync('a\nb\n'), gzipSync('c\nd\n')]) });
    const split = createFileSplit(join(root, 'm.gz'));
    expect((await readSplit(split)).toString()).toBe('a\nb\nc\nd\n');
    expect((await readSplit(split, 5)).toString()).toBe('\nd\n');
  });

  it('reads a large gzip file completely', async () => {
    const big = 'x'.repeat(99) + '\n';
    const content = big.repeat(30_000);
    const root = makeTree({ 'big.log': gzipSync(content) });
    const out = await readSplit(createFileSplit(join(root, 'big.log')));
    expect(out.length).toBe(content.length);
    expect((await readSplit(createFileSplit(join(root, 'big.log')), 2_000_000)).length).toBe(content.length - 2_000_000);
  });

  it('reads empty and one-byte files', async () => {
    const root = makeTree({ e: '', one: 'x' });
    expect((await readSplit(createFileSplit(join(root, 'e')))).length).toBe(0);
    expect((await readSplit(createFileSplit(join(root, 'one')))).toString()).toBe('x');
  });

  it('names a missing file, a directory and corrupt gzip in an InputError', async () => {
    const root = makeTree({ 'bad.gz': Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('garbage')]) });
    await expect(createFileSplit(join(root, 'nope.log'), 'logs/nope.log').open()).rejects.toThrow(new InputError('input not found: logs/nope.log'));
    await expect(createFileSplit(root, 'somedir').open()).rejects.toThrow('cannot read somedir: is a directory');
    await expect(readSplit(createFileSplit(join(root, 'bad.gz'), 'bad.gz'))).rejects.toThrow(/cannot read bad.gz: not valid gzip data/);
  });

  it.skipIf(process.getuid?.() === 0)('names an unreadable file', async () => {
    const root = makeTree({ 'secret.log': 'x\n' });
    chmodSync(join(root, 'secret.log'), 0o000);
    await expect(createFileSplit(join(root, 'secret.log'), 'secret.log').open()).rejects.toThrow('cannot read secret.log: permission denied');
  });
});

describe('stdin split', () => {
  it('is not replayable and passes plain bytes through', async () => {
    const split = createStdinSplit(Readable.from([Buffer.from('a'), Buffer.from('\nb\n')]));
    expect(split).toMatchObject({ name: '-', replayable: false });
    expect((await readSplit(split)).toString()).toBe('a\nb\n');
  });

  it('detects gzip even when the magic bytes arrive in separate buffers', async () => {
    const gz = gzipSync('hello\n');
    const split = createStdinSplit(Readable.from([gz.subarray(0, 1), gz.subarray(1, 5), gz.subarray(5)]));
    expect((await readSplit(split)).toString()).toBe('hello\n');
  });

  it('handles an empty stdin', async () => {
    expect((await readSplit(createStdinSplit(Readable.from([])))).length).toBe(0);
  });
});
