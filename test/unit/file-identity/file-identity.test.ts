import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileIdentity, fileIdentityFor, findByIdentity, sameFile } from '../../../src/io/sources/file-identity.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fstream-ident-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `${tag} line ${i} ${'x'.repeat(40)}\n`).join('');

describe('file identity', () => {
  it('hashes the first 1 KiB, or the whole of a shorter file', async () => {
    const a = join(dir, 'a.log');
    writeFileSync(a, lines(100, 'a'));
    const id = await fileIdentity(a);
    expect(id.fingerprint).toMatch(/^[0-9a-f]{40}$/);
    expect(id.fingerprintBytes).toBe(1024);
    expect(id.size).toBeGreaterThan(1024);
    writeFileSync(join(dir, 'short'), 'hello\n');
    expect(await fileIdentity(join(dir, 'short'))).toMatchObject({ fingerprintBytes: 6, size: 6 });
  });

  it('a rename (rotation) keeps the identity; appends do too', async () => {
    const a = join(dir, 'a.log');
    writeFileSync(a, lines(100, 'a'));
    const before = await fileIdentity(a);
    renameSync(a, join(dir, 'a.log.1'));
    appendFileSync(join(dir, 'a.log.1'), 'more\n');
    expect(sameFile(before, await fileIdentity(join(dir, 'a.log.1')))).toBe(true);
  });

  it('a short file that grows keeps its identity when compared over the saved length', async () => {
    const a = join(dir, 'a.log');
    writeFileSync(a, 'first\n');
    const before = await fileIdentity(a);
    appendFileSync(a, lines(50, 'more'));
    expect(sameFile(before, await fileIdentityFor(a, before))).toBe(true);
    expect(await findByIdentity([a], before)).toBe(a);
  });

  it('a copytruncate rewrite or a new file with the same name changes the identity', async () => {
    const a = join(dir, 'a.log');
    writeFileSync(a, lines(100, 'old'));
    const before = await fileIdentity(a);
    truncateSync(a, 0);
    appendFileSync(a, lines(100, 'new'));
    expect(sameFile(before, await fileIdentity(a))).toBe(false);
    rmSync(a);
    writeFileSync(a, lines(100, 'old'));
    const again = await fileIdentity(a);
    expect(again.fingerprint).toBe(before.fingerprint);
    // Same content and name; only a reused inode number could make these equal.
    expect(sameFile(before, again)).toBe(before.ino === again.ino && before.dev === again.dev);
  });

  it('findByIdentity finds a rotated file among candidates and skips missing ones', async () => {
    const a = join(dir, 'a.log');
    writeFileSync(a, lines(100, 'gen1'));
    const saved = await fileIdentity(a);
    renameSync(a, join(dir, 'a.log.1'));
    writeFileSync(a, lines(100, 'gen2'));
    const found = await findByIdentity([a, join(dir, 'missing'), join(dir, 'a.log.1')], saved);
    expect(found).toBe(join(dir, 'a.log.1'));
    expect(await findByIdentity([a], saved)).toBeNull();
  });

  it('rejects for a missing file', async () => {
    await expect(fileIdentity(join(dir, 'nope'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
