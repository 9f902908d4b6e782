import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLmdbRunStore } from '../../../src/engine/state/lmdb-run-store.js';
import { MemoryRunStore } from '../../../src/engine/state/memory-run-store.js';
import { runStoreSuite } from './run-store.case.js';

runStoreSuite('MemoryRunStore', () => ({ store: new MemoryRunStore(), cleanUp: () => {} }));

runStoreSuite('LMDB run store', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'fstream-runs-test-')), 'runs');
  let store = openLmdbRunStore(dir);
  return {
    store,
    reopen: () => (store = openLmdbRunStore(dir)),
    cleanUp: () => {
      store.close();
      rmSync(join(dir, '..'), { recursive: true, force: true });
    },
  };
});
