import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLmdbBackend } from '../../../src/engine/state/lmdb-backend.js';
import { StateError } from '../../../src/engine/state/state-error.js';
import { LOCK_FILE, lockStateDir } from '../../../src/engine/state/state-lock.js';

let dir: string;

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'fstream-lock-')), 'state');
  mkdirSync(dir);
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

describe('the hold on a state directory', () => {
  it('refuses a second backend on a held directory, naming the holder; close releases it', async () => {
    const b = await openLmdbBackend(dir);
    const err = await openLmdbBackend(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateError);
    expect((err as Error).message).toBe(
      `the state directory ${dir} is in use by another fstream process (pid ${process.pid}); one process per state directory`,
    );
    await b.close();
    const again = await openLmdbBackend(dir);
    await again.close();
  });

  for (const abstract of [true, false]) {
    it(`is exclusive and released on release (${abstract ? 'abstract socket' : 'socket file'})`, async () => {
      const lock = await lockStateDir(dir, { abstract });
      await expect(lockStateDir(dir, { abstract })).rejects.toThrow(/is in use by another fstream process/);
      await lock.release();
      const next = await lockStateDir(dir, { abstract });
      await next.release();
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    });
  }

  it('replaces a socket file its holder left when it was killed', async () => {
    const path = join(dir, LOCK_FILE);
    const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`]);
    await new Promise((r) => child.stdout.once('data', r));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    expect(existsSync(path)).toBe(true);
    const lock = await lockStateDir(dir, { abstract: false });
    await lock.release();
  });
});
