import { describe, expect, it } from 'vitest';
import { compileQuery, compileYaml } from '../../../src/dsl/compile.js';
import { explainText, planJson } from '../../../src/dsl/explain.js';
import { compileExpr } from '../../../src/engine/expr/compile.js';
import { queryErrors, spanText, yamlErrors } from './helpers.js';

const TOO_DEEP = 'expression nested too deeply (more than 256 levels)';
const chain = (op: string, n: number): string => Array.from({ length: n }, () => 'a').join(` ${op} `);
const parens = (n: number): string => `${'('.repeat(n)}a${')'.repeat(n)}`;

describe('expression depth', () => {
  it.each([
    ['1000 parentheses', `where ${parens(1000)} > 1`, '('],
    ['a chain of 50,000 `+`', `where ${chain('+', 50_000)} > 1`, '+'],
    ['a chain of 50,000 `and`', `where ${chain('and', 50_000)}`, 'and'],
    ['a chain of 300 `*`', `eval x = ${chain('*', 300)}`, '*'],
    ['1000 `not`', `where ${'not '.repeat(1000)}a`, 'not'],
    ['1000 `-`', `where ${'- '.repeat(1000)}a > 1`, '-'],
    ['1000 nested calls', `eval x = ${'lower('.repeat(1000)}a${')'.repeat(1000)}`, 'lower'],
    ['1000 nested `in` lists', `where ${'a in ('.repeat(1000)}1${')'.repeat(1000)}`, 'a'],
    ['an aggregate argument', `sum(${parens(1000)})`, '('],
  ])('%s is one located error', (_what, query, at) => {
    const errors = queryErrors(`json | ${query}`);
    expect(errors.map((d) => d.message)).toEqual([TOO_DEEP]);
    expect(spanText(errors[0]!)).toBe(at);
    expect(errors[0]!.help[0]).toMatch(/^parentheses, calls, `not` and each operator of a chain/);
  });

  it('in YAML too', () => {
    const errors = yamlErrors(`steps:\n  - where: ${chain('or', 5000)}\n`);
    expect(errors.map((d) => [d.message, spanText(d)])).toEqual([[TOO_DEEP, 'or']]);
  });

  it('an expression at the limit compiles, explains, serialises and evaluates', () => {
    const { plan } = compileQuery(`json | where ${parens(255)} + ${chain('+', 250)} > 1 | eval y = ${chain('or', 256)}`, {});
    expect(explainText(plan)).toContain('where a + a');
    expect(JSON.parse(JSON.stringify(planJson(plan)))).toEqual(planJson(plan));
    expect(structuredClone(plan)).toEqual(plan);
    const step = plan.steps[0]!;
    if (step.op !== 'where') throw new Error('expected where');
    expect(compileExpr(step.expr)({ a: 1 })).toBe(true);
  });

  it('lists and arguments are not levels', () => {
    expect(() => compileQuery(`json | where a in (${Array.from({ length: 5000 }, (_, i) => i).join(', ')})`, {})).not.toThrow();
    expect(() => compileQuery(`json | eval x = coalesce(${Array.from({ length: 5000 }, () => 'a').join(', ')})`, {})).not.toThrow();
    expect(() => compileYaml('p.yaml', `steps:\n  - where: ${chain('and', 200)}\n`, {})).not.toThrow();
  });
});

describe('YAML depth', () => {
  const TOO_DEEP_YAML = 'the YAML document is nested too deeply (more than 64 levels)';
  it.each([
    ['a deep flow sequence', `steps: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`],
    ['a deep flow map', `format: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`],
    ['deep block sequences', `steps:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(2 + i)}- `).join('\n')}x\n`],
    ['deep block maps', `${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`],
    ['65 levels', `steps: ${'['.repeat(64)}${']'.repeat(64)}\n`],
    ['compact sequences the parser would recurse on', `${'- '.repeat(3000)}xfrom: [a]\nformat: json\nsteps:\n  - where: x > 1\n`],
    ['deep flow inside deep blocks', `steps:\n${Array.from({ length: 100 }, (_, i) => `${' '.repeat(2 + i)}- `).join('\n')}${'['.repeat(200)}\n`],
  ])('%s is one located error', (_what, text) => {
    const errors = yamlErrors(text);
    expect(errors.map((d) => d.message)).toEqual([TOO_DEEP_YAML]);
    expect(errors[0]!.span).toBeDefined();
  });

  it('64 levels are read', () => {
    expect(yamlErrors(`steps: ${'['.repeat(63)}${']'.repeat(63)}\n`).map((d) => d.message)).not.toContain(TOO_DEEP_YAML);
  });
});
