import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeadLetterWriter } from '../../../src/io/sinks/dead-letter.js';

describe('createDeadLetterWriter', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fstream-dead-letter-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('appends one NDJSON object per bad record, fields in order, truncated only when cut', async () => {
    const path = join(dir, 'errors', 'bad.ndjson');
    const w = createDeadLetterWriter(path);
    w.write({ source: 'a.log', line: 3, error: 'bad JSON', raw: '{"x":' });
    w.write({ source: '-', line: 9, error: 'line too long', raw: 'xxxx', truncated: true });
    w.write({ source: 'a.log', line: 4, error: 'e', raw: 'r', truncated: false });
    expect(w.count).toBe(3);
    await w.close();
    expect(await readFile(path, 'utf8')).toBe(
      '{"source":"a.log","line":3,"error":"bad JSON","raw":"{\\"x\\":"}\n' +
        '{"source":"-","line":9,"error":"line too long","raw":"xxxx","truncated":true}\n' +
        '{"source":"a.log","line":4,"error":"e","raw":"r"}\n',
    );
  });

  it('appends to an existing file', async () => {
    const path = join(dir, 'bad.ndjson');
    await writeFile(path, '{"old":true}\n');
    const w = createDeadLetterWriter(path);
    w.write({ source: 's', line: 1, error: 'e', raw: 'r' });
    await w.flush();
    await w.close();
    expect(await readFile(path, 'utf8')).toBe('{"old":true}\n{"source":"s","line":1,"error":"e","raw":"r"}\n');
  });
});
