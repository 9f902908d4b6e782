import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFollowSource } from '../../src/io/sources/follow/follow-source.js';
import { describeSourceConformance } from './describe-source.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fstream-conformance-follow-'));
const files = new Map<string, string>();
let last = '';

/** Short waits: the suite watches an unbounded source for a moment to see that it waits. */
const timing = { minPollMs: 1, maxPollMs: 20, rescanMs: 20, rotateWaitMs: 100, copyWaitMs: 100 };

for (const watch of [true, false]) {
  describeSourceConformance(`a followed file (${watch ? 'notified' : 'polled'})`, {
    replayable: true,
    bounded: false,
    async make(content, saved) {
      // One file per content (the same content, the same file and identity), until it is appended to.
      const key = `${watch}:${content.toString('base64').slice(0, 64)}:${content.length}`;
      let p = files.get(key);
      if (p === undefined) {
        p = path.join(dir, `${files.size}.log`);
        writeFileSync(p, content);
        files.set(key, p);
      }
      last = p;
      return createFollowSource([p], { splits: saved ?? [], enumerator: null }, { ...timing, watch });
    },
    async append(more) {
      appendFileSync(last, more);
      for (const [k, p] of files) if (p === last) files.delete(k);
    },
  });
}
