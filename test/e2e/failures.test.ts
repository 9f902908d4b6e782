import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const input = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ n: i, tag: i === 1500 ? 'boom' : 'ok' })).join('\n') + '\n';

describe('a step that throws', () => {
  for (const p of [1, 2]) {
    it(`stops the job with exit 1, naming the stage, where it was written and the input line (-p ${p})`, async () => {
      const res = await runCli(['-p', String(p), 'json | where n >= 0 | window tumbling 1m | count'], {
        stdin: input,
        env: { FSTREAM_INJECT_FAULT: 'boom' },
        timeoutMs: 15_000,
      });
      expect(res.code).toBe(1);
      expect(res.stderr).toBe('error: stage `where` (<query>:1:8) failed on -:1501: injected fault\n');
    });
  }
});
