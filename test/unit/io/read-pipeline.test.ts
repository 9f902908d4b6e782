import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createDecoder, DecodeError } from '../../../src/io/formats/index.js';
import { LineCursor } from '../../../src/io/framing/index.js';
import { frameSplit } from '../../../src/io/sources/frame-split.js';
import { resolveSplits } from '../../../src/io/sources/index.js';
import { makeTree } from './sources-helpers.js';

/** What the engine does with a split: open, frame, iterate lines, decode. */
async function run(path: string, maxLineBytes?: number) {
  const [split] = await resolveSplits([path]);
  if (split === undefined) throw new Error('no split');
  const decoder = createDecoder({ kind: 'json' }, { fields: null });
  const out: unknown[] = [];
  const framing = maxLineBytes === undefined ? {} : { maxLineBytes, targetChunkBytes: 64 };
  for await (const ev of frameSplit(await split.open(), null, false, { signal: new AbortController().signal }, framing)) {
    if (ev.kind !== 'chunk') continue;
    const chunk = ev.chunk;
    for (const o of chunk.oversized) out.push({ line: o.line, error: 'line too long' });
    const cur = new LineCursor(chunk.data);
    for (let line = chunk.firstLine; cur.next(); line++) {
      try {
        const rec = decoder.decode(cur.text());
        if (rec !== undefined) out.push(rec);
      } catch (err) {
        if (!(err instanceof DecodeError)) throw err;
        out.push({ line, error: err.message.slice(0, 12) });
      }
    }
  }
  return out;
}

describe('reading a split end to end', () => {
  it('decodes a gzip .log with CRLF lines, invalid UTF-8, a bad line and a final line without \\n', async () => {
    const content = Buffer.concat([Buffer.from('{"a":1}\r\n\r\n{"s":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\r\nnot json\n{"b":2}')]);
    const root = makeTree({ 'app.log': gzipSync(content) });
    expect(await run(join(root, 'app.log'))).toEqual([{ a: 1 }, { s: '\uFFFD\uFFFD' }, { line: 4, error: 'invalid JSON' }, { b: 2 }]);
  });

  it('reports an oversized line and keeps numbering the next ones', async () => {
    const root = makeTree({ 'x.log': `{"a":1}\n{"big":"${'x'.repeat(500)}"}\nbad\n{"c":3}\n` });
    expect(await run(join(root, 'x.log'), 100)).toEqual([{ a: 1 }, { line: 2, error: 'line too long' }, { line: 3, error: 'invalid JSON' }, { c: 3 }]);
  });
});
