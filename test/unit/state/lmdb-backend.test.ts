import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLmdbBackend } from '../../../src/engine/state/lmdb-backend.js';
import { describeStateBackend } from './describe-state-backend.js';

describeStateBackend('lmdb', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'fstream-state-')), 'state');
  return {
    open: (opts) => openLmdbBackend(dir, opts),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
