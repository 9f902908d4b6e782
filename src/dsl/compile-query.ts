/** Compiling a query string. Kept apart from the YAML reader so that the query path does not load `yaml`. */
import { finishCompile, type CliOverrides, type Compiled } from './compile-core.js';
import { DiagnosticBag } from './diagnostic.js';
import { parseStages } from './parse-query.js';
import { exactSegment } from './segment.js';
import { makeSource } from './source.js';
import type { TapSpec } from './tap.js';

/** Compiles a query string (`json | where ...`); throws PipelineError with every diagnostic. */
export function compileQuery(query: string, overrides: CliOverrides, tap?: TapSpec): Compiled {
  const source = makeSource('<query>', query);
  const bag = new DiagnosticBag();
  const parsed = parseStages(exactSegment(source), bag);
  return finishCompile({ source, stages: parsed.stages, options: {} }, bag, parsed.partial, {}, overrides, tap);
}
