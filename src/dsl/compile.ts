/**
 * The compile API that commands call: a query string or a YAML file, plus the command-line
 * options that shape the pipeline → a checked Plan, or a PipelineError with every diagnostic.
 * (`compile-query.ts` alone gives `compileQuery` without loading the YAML parser.)
 */
import { finishCompile, type CliOverrides, type Compiled } from './compile-core.js';
import { readYaml } from './yaml-reader.js';
import type { TapSpec } from './tap.js';

export { compileQuery } from './compile-query.js';
export type { CliOverrides, Compiled } from './compile-core.js';

/** Compiles a YAML pipeline file; command-line options win over the file's keys. */
export function compileYaml(path: string, text: string, overrides: CliOverrides, tap?: TapSpec): Compiled {
  const read = readYaml(path, text);
  return finishCompile(read.ast, read.bag, read.partial, read.header, overrides, tap);
}
