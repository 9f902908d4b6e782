import fc from 'fast-check';
import { sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/common/errors.js';
import { escapeValue, safeSegment } from '../../../src/io/sinks/escape-segment.js';
import { compilePathTemplate } from '../../../src/io/sinks/path-template.js';

const CWD = '/work/job';

describe('path templates', () => {
  it('a plain path is one fixed file', () => {
    const t = compilePathTemplate('out/result.ndjson', CWD);
    expect(t.fixed).toBe(true);
    expect(t.render({ host: 'a' })).toBe('/work/job/out/result.ndjson');
    expect(t.baseDir).toBe('/work/job/out');
  });

  it('{field} takes the value as text; {field:FMT} formats ISO strings and epoch ms in UTC', () => {
    const t = compilePathTemplate('out/{window_start:%Y-%m-%d}/{host}-{status}.ndjson', CWD);
    expect(t.fixed).toBe(false);
    expect(t.baseDir).toBe('/work/job/out');
    expect(t.depth).toBe(1);
    expect(t.render({ window_start: '2026-01-02T23:59:00.000Z', host: 'web1', status: 200 })).toBe('/work/job/out/2026-01-02/web1-200.ndjson');
    expect(t.render({ window_start: Date.UTC(2026, 0, 3, 1), host: true, status: null })).toBe('/work/job/out/2026-01-03/true-_.ndjson');
    expect(t.render({ window_start: 'not a time', host: 'h', status: 1 })).toBe('/work/job/out/_/h-1.ndjson');
    const nested = compilePathTemplate('out/{t:%Y/%m}/x', CWD);
    expect(nested.render({ t: '2026-05-01T00:00:00Z' })).toBe('/work/job/out/2026/05/x');
    expect(nested.depth).toBe(2);
  });

  it('{{ and }} are literal braces', () => {
    expect(compilePathTemplate('out/{{x}}-{h}', CWD).render({ h: 'a' })).toBe('/work/job/out/{x}-a');
  });

  it('a value can never lead outside the template directory', () => {
    const t = compilePathTemplate('out/{host}.ndjson', CWD);
    const cases: [unknown, string][] = [
      ['../../etc/passwd', '..%2F..%2Fetc%2Fpasswd.ndjson'],
      ['a/b', 'a%2Fb.ndjson'],
      ['..', '%2E%2E.ndjson'],
      ['.', '%2E.ndjson'],
      ['', '_.ndjson'],
      [null, '_.ndjson'],
      [undefined, '_.ndjson'],
      ['a\\b\u0000c', 'a%5Cb%00c.ndjson'],
      ['100%', '100%25.ndjson'],
    ];
    for (const [v, name] of cases) expect(t.render({ host: v as string })).toBe(`/work/job/out/${name}`);
    const dir = compilePathTemplate('out/{host}/part.ndjson', CWD);
    expect(dir.render({ host: '..' })).toBe('/work/job/out/%2E%2E/part.ndjson');
    expect(dir.render({ host: '.' })).toBe('/work/job/out/%2E/part.ndjson');
    expect(dir.render({ host: '' })).toBe('/work/job/out/_/part.ndjson');
    const two = compilePathTemplate('out/{a}{b}/x', CWD);
    expect(two.render({ a: '.', b: '.' })).toBe('/work/job/out/%2E%2E/x');
  });

  it('any values stay inside the directory, one segment per placeholder (property)', () => {
    const t = compilePathTemplate('out/{a}/{b}.log', CWD);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('..', '.', '/', '../..', '')), fc.string(), (a, b) => {
        const p = t.render({ a, b });
        return p.startsWith('/work/job/out' + sep) && p.slice('/work/job/out/'.length).split('/').length === 2;
      }),
    );
  });

  it('escaping is one-to-one, and long values are cut with a hash', () => {
    expect(escapeValue('a/b')).not.toBe(escapeValue('a%2Fb'));
    const long = escapeValue('x'.repeat(1000));
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long).not.toBe(escapeValue('x'.repeat(999)));
  });

  it('measures names in UTF-8 bytes, cuts at a character and keeps the extension', () => {
    const wide = escapeValue('é'.repeat(240));
    expect(Buffer.byteLength(wide)).toBeLessThanOrEqual(200);
    expect(wide).toMatch(/^é+~[0-9a-f]{12}$/);
    expect(safeSegment('😀'.repeat(100) + '.ndjson')).toMatch(/^(😀)+~[0-9a-f]{12}\.ndjson$/);
    expect(safeSegment('a'.repeat(200))).toBe('a'.repeat(200));
  });

  it('rejects bad templates with a UsageError', () => {
    expect(() => compilePathTemplate('out/{host', CWD)).toThrow(UsageError);
    expect(() => compilePathTemplate('out/{}', CWD)).toThrow(UsageError);
    expect(() => compilePathTemplate('out/}', CWD)).toThrow(UsageError);
    expect(() => compilePathTemplate('out/{t:%Q}', CWD)).toThrow(/%Q/);
  });
});
