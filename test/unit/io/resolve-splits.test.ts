import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.js';
import { resolveSplits } from '../../../src/io/sources/index.js';
import { makeTree } from './sources-helpers.js';

const cwd = process.cwd();
afterEach(() => process.chdir(cwd));

const TREE = {
  'logs/a.log': 'a\n',
  'logs/b.log': 'b\n',
  'logs/c.txt': 'c\n',
  'logs/.hidden.log': 'h\n',
  'logs/2024/01/x.log.gz': 'x\n',
  'logs/2024/02/y.log.gz': 'y\n',
  'logs/2024/02/z.log': 'z\n',
  'other/o.log': 'o\n',
};

const names = async (from: string[]) => (await resolveSplits(from)).map((s) => s.name);

describe('resolveSplits', () => {
  it('takes a path as is and stdin for - or no entry', async () => {
    process.chdir(makeTree(TREE));
    expect(await names(['logs/a.log'])).toEqual(['logs/a.log']);
    expect(await names(['-'])).toEqual(['-']);
    expect(await names([])).toEqual(['-']);
  });

  it('expands a directory to its regular files, recursively and sorted, without hidden ones', async () => {
    process.chdir(makeTree(TREE));
    expect(await names(['logs/'])).toEqual(['logs/2024/01/x.log.gz', 'logs/2024/02/y.log.gz', 'logs/2024/02/z.log', 'logs/a.log', 'logs/b.log', 'logs/c.txt']);
    expect(await names(['other'])).toEqual(['other/o.log']);
  });

  it('expands globs with *, ?, [...], {a,b} and **', async () => {
    process.chdir(makeTree(TREE));
    expect(await names(['logs/*.log'])).toEqual(['logs/a.log', 'logs/b.log']);
    expect(await names(['./logs/?.log'])).toEqual(['./logs/a.log', './logs/b.log']);
    expect(await names(['logs/[bc].*'])).toEqual(['logs/b.log', 'logs/c.txt']);
    expect(await names(['logs/{a,c}.*'])).toEqual(['logs/a.log', 'logs/c.txt']);
    expect(await names(['logs/**/*.gz'])).toEqual(['logs/2024/01/x.log.gz', 'logs/2024/02/y.log.gz']);
    expect(await names(['**/*.log'])).toEqual(['logs/2024/02/z.log', 'logs/a.log', 'logs/b.log', 'other/o.log']);
    expect(await names(['{logs,other}/*.log'])).toEqual(['logs/a.log', 'logs/b.log', 'other/o.log']);
    expect(await names(['logs/.*.log'])).toEqual(['logs/.hidden.log']);
  });

  it('works with absolute patterns', async () => {
    const root = makeTree(TREE);
    expect(await names([join(root, 'logs/*.txt')])).toEqual([join(root, 'logs/c.txt')]);
  });

  it('keeps the order of entries and removes duplicates', async () => {
    process.chdir(makeTree(TREE));
    expect(await names(['other/o.log', 'logs/*.log', 'logs/a.log', './logs/b.log', '-', '-'])).toEqual(['other/o.log', 'logs/a.log', 'logs/b.log', '-']);
  });

  it('names a missing input or a glob that matches nothing', async () => {
    process.chdir(makeTree(TREE));
    await expect(resolveSplits(['logs/x.log'])).rejects.toThrow(new InputError('input not found: logs/x.log'));
    await expect(resolveSplits(['logs/*.json'])).rejects.toThrow('no input matches logs/*.json');
    await expect(resolveSplits(['nowhere/**/*.log'])).rejects.toThrow('no input matches nowhere/**/*.log');
    await expect(resolveSplits(['logs/*.json'], { allowNoMatch: true })).resolves.toEqual([]);
  });

  it('takes a literal path with glob characters when it exists', async () => {
    process.chdir(makeTree({ 'odd[1].log': 'x\n' }));
    expect(await names(['odd[1].log'])).toEqual(['odd[1].log']);
  });
});
