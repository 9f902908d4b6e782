import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveCli } from '../support/live-cli.js';

/** A job that runs for months shows its bad records and late events in their files as they come. */
describe('side outputs of a running job', () => {
  let cli: LiveCli | undefined;
  afterEach(async () => {
    cli?.child.kill('SIGKILL');
    await cli?.wait();
  });

  for (const p of [1, 2]) {
    it(`--errors and --late are written while the input stays open (-p ${p})`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'fstream-side-'));
      const errors = path.join(dir, 'errors.ndjson');
      const late = path.join(dir, 'late.ndjson');
      cli = new LiveCli(['-p', String(p), '--time', 'ts', '--errors', errors, '--late', late, 'json | window tumbling 1m | count']);
      cli.write('{"ts":"2026-03-01T10:00:10Z"}\nnot json\n{"ts":"2026-03-01T10:01:10Z"}\n');
      const text = (f: string): string => (existsSync(f) ? readFileSync(f, 'utf8') : '');
      await cli.waitFor(() => text(errors).includes('not json'), 10_000);
      cli.write('{"ts":"2026-03-01T10:00:20Z","n":1}\n');
      await cli.waitFor(() => text(late).includes('"n":1'), 10_000);
      // The window fired when 10:01:10 was read; at -p 2 its result may reach stdout after the late line.
      await cli.waitFor(() => cli!.records().length > 0, 10_000);
      expect(cli.records()).toEqual([{ window_start: '2026-03-01T10:00:00.000Z', window_end: '2026-03-01T10:01:00.000Z', count: 1 }]);
    }, 30_000);
  }
});
