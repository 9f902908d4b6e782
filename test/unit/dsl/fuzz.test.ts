import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileQuery, compileYaml, type Compiled } from '../../../src/dsl/compile.js';
import { explainText, planJson } from '../../../src/dsl/explain.js';
import { renderDiagnostics } from '../../../src/dsl/render.js';
import { compileExpr } from '../../../src/engine/expr/compile.js';
import { PipelineError } from '../../../src/dsl/pipeline-error.js';
import { mutated, SEED_QUERIES, SEED_YAML } from '../../support/mutations.js';

/**
 * Compiling either gives a plan that every later walk handles, or a PipelineError whose every
 * diagnostic is located in its source and whose rendering is small; never any other exception.
 */
function planOrLocatedError(text: string, compile: () => Compiled): void {
  let compiled: Compiled;
  try {
    compiled = compile();
  } catch (e) {
    if (!(e instanceof PipelineError)) throw new Error(`${String(e)} on ${JSON.stringify(text.slice(0, 2000))}`);
    expect(e.diagnostics.length).toBeGreaterThan(0);
    for (const d of e.diagnostics) {
      expect(d.source && d.span, d.message).toBeTruthy();
      expect(0 <= d.span!.start && d.span!.start <= d.span!.end && d.span!.end <= d.source!.text.length, d.message).toBe(true);
    }
    expect(renderDiagnostics(e.diagnostics, { color: false }).length).toBeLessThan(40_000);
    return;
  }
  const { plan } = compiled;
  explainText(plan);
  JSON.stringify(planJson(plan));
  structuredClone(plan);
  for (const step of plan.steps) {
    if (step.op === 'where') compileExpr(step.expr)({});
    if (step.op === 'eval') for (const a of step.assign) compileExpr(a.expr)({});
    if (step.op === 'aggregate') for (const a of step.aggs) if (a.arg) compileExpr(a.arg)({});
  }
}

describe('fuzz: mutated pipelines compile or fail with located errors', () => {
  test('queries', () => {
    fc.assert(
      fc.property(mutated(SEED_QUERIES), (q) => planOrLocatedError(q, () => compileQuery(q, {}))),
      { numRuns: 300 },
    );
  });

  test('YAML files', () => {
    fc.assert(
      fc.property(mutated(SEED_YAML), (t) => planOrLocatedError(t, () => compileYaml('p.yaml', t, {}))),
      { numRuns: 200 },
    );
  });
});
