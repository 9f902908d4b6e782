import { readFile } from 'node:fs/promises';
import type { CliOverrides, Compiled } from '../dsl/compile.js';
import { compileQuery } from '../dsl/compile-query.js';
import { InputError, UsageError } from '../errors.js';

/** Compiles the pipeline given as a query string or as `-c FILE` (exactly one of them). */
export async function loadPipeline(query: string | undefined, configPath: string | undefined, overrides: CliOverrides): Promise<Compiled> {
  if (configPath !== undefined && query !== undefined) {
    throw new UsageError('give the pipeline either as a query or with -c FILE, not both');
  }
  if (configPath !== undefined) {
    let text: string;
    try {
      text = await readFile(configPath, 'utf8');
    } catch (err) {
      throw new InputError(`cannot read pipeline file ${configPath}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
    }
    // The YAML reader (and the `yaml` package) loads only for -c: a query string starts faster.
    const { compileYaml } = await import('../dsl/compile.js');
    return compileYaml(configPath, text, overrides);
  }
  if (query === undefined || query.trim() === '') {
    throw new UsageError('no pipeline given', ["try: fstream 'json | where status >= 500'", 'or:  fstream run -c pipeline.yaml']);
  }
  return compileQuery(query, overrides);
}
