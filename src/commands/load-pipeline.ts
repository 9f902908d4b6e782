import { readFile } from 'node:fs/promises';
import type { CliOverrides, Compiled } from '../dsl/compile.js';
import { compileQuery } from '../dsl/compile-query.js';
import { error } from '../dsl/diagnostic.js';
import { optionSource } from '../dsl/overrides.js';
import { InputError, UsageError } from '../common/errors.js';
import { PipelineError } from '../dsl/pipeline-error.js';
import type { TapSpec } from '../dsl/tap.js';
import { compilePathTemplate } from '../io/sinks/path-template.js';

/** Compiles the pipeline given as a query string or as `-c FILE` (exactly one of them). */
export async function loadPipeline(query: string | undefined, configPath: string | undefined, overrides: CliOverrides, tap?: TapSpec): Promise<Compiled> {
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
    return checkedOutput(compileYaml(configPath, text, overrides, tap), overrides);
  }
  if (query === undefined || query.trim() === '') {
    throw new UsageError('no pipeline given', ["try: fstream 'json | where status >= 500'", 'or:  fstream run -c pipeline.yaml']);
  }
  return checkedOutput(compileQuery(query, overrides, tap), overrides);
}

/** The output path template is compiled as the sink will compile it; a bad one is a located error. */
function checkedOutput(compiled: Compiled, overrides: CliOverrides): Compiled {
  const to = compiled.plan.output.to;
  if (to === undefined || !/[{}]/.test(to)) return compiled;
  try {
    compilePathTemplate(to);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const fromOption = overrides.to !== undefined;
    const source = fromOption ? optionSource('--to', to) : compiled.ast.source;
    const span = fromOption ? { start: 0, end: to.length } : compiled.options.to!.span;
    throw new PipelineError([error(e.message.replace(/^the output path template "[\s\S]*" /, 'the output path template '), source, span)]);
  }
  return compiled;
}
