import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../support/run-cli.js';
import { Terminal, hasTmux } from '../support/terminal.js';

// The live table is read off a real terminal, through tmux (see Terminal).
let term: Terminal;
beforeEach(() => {
  term = new Terminal();
});
afterEach(() => term.close());
const tmp = mkdtempSync(path.join(tmpdir(), 'fstream-live-'));

const line = (sec: number, route: string): string => `${JSON.stringify({ ts: new Date(Date.UTC(2026, 2, 1, 10, 0, sec)).toISOString(), route })}\n`;

describe.skipIf(!hasTmux)('the live table on a terminal', () => {
  it('running values are marked and updated in place; a fired window’s row becomes final; the footer shows the watermark', async () => {
    const live = path.join(tmp, 'live.ndjson');
    writeFileSync(live, line(1, '/a') + line(2, '/b'));
    const query = 'json | window tumbling 1m | count by route';
    term.start(`NO_COLOR=1 ${BIN} -f --from ${live} --time ts '${query}'`, { columns: 120, rows: 12 });
    let s = await term.waitFor((x) => /\*\s+2026-03-01T10:00:00.000Z\s+2026-03-01T10:01:00.000Z\s+\/a\s+1/.test(x));
    expect(s).toMatch(/watermark 2026-03-01T10:00:01.999Z \(.+ behind the clock\) · \d+ records\/s · 0 late · 0 bad · \* running/);
    appendFileSync(live, line(3, '/a'));
    s = await term.waitFor((x) => /\*\s+\S+\s+\S+\s+\/a\s+2/.test(x));
    // One row per result: the update replaced the row.
    expect(s.split('\n').filter((l) => l.includes(' /a ')).length).toBe(1);
    appendFileSync(live, line(70, '/c'));
    s = await term.waitFor((x) => /^\s+2026-03-01T10:00:00.000Z\s+2026-03-01T10:01:00.000Z\s+\/a\s+2$/m.test(x));
    expect(s).toMatch(/\*\s+2026-03-01T10:01:00.000Z\s+2026-03-01T10:02:00.000Z\s+\/c\s+1/);
    term.keys('C-c');
    s = await term.waitFor((x) => x.includes('EXIT='));
    expect(s).toContain('EXIT=0');
    expect(s).not.toContain('*');
    expect(s).toMatch(/2026-03-01T10:01:00.000Z\s+2026-03-01T10:02:00.000Z\s+\/c\s+1/);
  });

  it('a bounded input ends with the same table a pipe gets with -o table', async () => {
    const query = 'json | window tumbling 1m | count by route';
    term.start(`NO_COLOR=1 ${BIN} --from fixtures/access.ndjson --time ts --lag 5s '${query}'`, { columns: 120, rows: 60 });
    const s = await term.waitFor((x) => x.includes('EXIT='));
    const piped = await runCli(['--from', 'fixtures/access.ndjson', '--time', 'ts', '--lag', '5s', '-o', 'table', query]);
    const shown = s.slice(0, s.indexOf('EXIT=')).trimEnd();
    expect(shown).toBe(piped.stdout.trimEnd());
  });
});

describe('not on a terminal', () => {
  it('output stays NDJSON, each record as it is produced', async () => {
    const res = await runCli(['--from', 'fixtures/access.ndjson', 'json | count']);
    expect(res.stdout).toBe('{"count":80}\n');
    expect(readFileSync(path.join(ROOT, 'fixtures/access.ndjson'), 'utf8').length).toBeGreaterThan(0);
  });
});
