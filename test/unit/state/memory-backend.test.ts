import { MemoryStateBackend, MemoryStateStore } from '../../../src/engine/state/memory-backend.js';
import { describeStateBackend } from './describe-state-backend.js';

describeStateBackend('memory', async () => {
  const store = new MemoryStateStore();
  return {
    open: async (opts) => new MemoryStateBackend(opts, store),
    cleanup: async () => {},
  };
});
