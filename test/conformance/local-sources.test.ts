import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { createFileSplit } from '../../src/io/sources/file-split.js';
import { createLocalSource } from '../../src/io/sources/local-source.js';
import { createStdinSplit } from '../../src/io/sources/stdin-split.js';
import { describeSourceConformance } from './describe-source.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fstream-conformance-'));
let n = 0;

/** One file per content, named by it, so the same content gives the same file (and identity). */
function fileOf(content: Buffer, gzip: boolean): string {
  const p = path.join(dir, `${gzip ? 'gz' : 'plain'}-${content.length}-${n}.log`);
  writeFileSync(p, gzip ? gzipSync(content) : content);
  return p;
}

for (const gzip of [false, true]) {
  const files = new Map<string, string>();
  describeSourceConformance(gzip ? 'a gzip file' : 'a file', {
    replayable: true,
    async make(content, saved) {
      const key = content.toString('base64').slice(0, 64) + content.length;
      let p = files.get(key);
      if (p === undefined) {
        n++;
        files.set(key, (p = fileOf(content, gzip)));
      }
      return createLocalSource([createFileSplit(p)], { splits: saved ?? [], enumerator: null });
    },
  });
}

describeSourceConformance('stdin', {
  replayable: false,
  async make(content) {
    return createLocalSource([createStdinSplit(Readable.from([content]))]);
  },
});
