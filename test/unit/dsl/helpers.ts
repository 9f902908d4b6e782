import { expect } from 'vitest';
import type { Stage } from '../../../src/dsl/ast.js';
import { compileQuery, compileYaml, type CliOverrides } from '../../../src/dsl/compile.js';
import { DiagnosticBag, type Diagnostic } from '../../../src/dsl/diagnostic.js';
import { parseStages } from '../../../src/dsl/parse-query.js';
import { exactSegment } from '../../../src/dsl/segment.js';
import { makeSource } from '../../../src/dsl/source.js';
import { PipelineError } from '../../../src/dsl/pipeline-error.js';

/** Parses a query into stages, expecting no errors. */
export function stagesOf(query: string): Stage[] {
  const bag = new DiagnosticBag();
  const parsed = parseStages(exactSegment(makeSource('<query>', query)), bag);
  expect(bag.items.map((d) => d.message)).toEqual([]);
  return parsed.stages;
}

/** The diagnostics a compile throws (fails the test when it compiles). */
export function diagnosticsOf(f: () => unknown): Diagnostic[] {
  try {
    f();
  } catch (e) {
    if (e instanceof PipelineError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected a PipelineError');
}

export function queryErrors(query: string, o: CliOverrides = {}): Diagnostic[] {
  return diagnosticsOf(() => compileQuery(query, o));
}

export function yamlErrors(text: string, o: CliOverrides = {}): Diagnostic[] {
  return diagnosticsOf(() => compileYaml('pipeline.yaml', text, o));
}

/** The text a diagnostic's span covers. */
export function spanText(d: Diagnostic): string {
  return d.source!.text.slice(d.span!.start, d.span!.end);
}
