/**
 * The shared back half of compiling: command-line options applied, every check run, and the Plan
 * built, or a PipelineError with every diagnostic.
 */
import { tapStages, type TapSpec } from './tap.js';
import type { FileOptions, PipelineAst, Stage } from './ast.js';
import { checkPipeline } from './check.js';
import type { DiagnosticBag, Diagnostic } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import { PipelineError } from './pipeline-error.js';
import { NodeSources } from './node-sources.js';
import { applyOverrides, optionSource, type CliOverrides } from './overrides.js';
import { buildPlan } from './plan.js';
import type { OutputSpec, Plan } from '../plan/types.js';
import { positionOf } from './source.js';
import { OUTPUT_FORMATS } from './vocabulary.js';

export type { CliOverrides } from './overrides.js';

export interface Compiled {
  plan: Plan;
  /** The pipeline as written (without the command-line options applied). */
  ast: PipelineAst;
  /** Run options from the YAML file (empty for a query); command-line flags override them. */
  options: FileOptions;
}

/**
 * Applies `overrides` to the parsed stages, checks them, and builds the Plan.
 * @param bag diagnostics so far (from parsing); @param partial some part could not be parsed.
 * @throws PipelineError when any error was found, with options' errors first, then in text order.
 */
export function finishCompile(
  ast: PipelineAst,
  bag: DiagnosticBag,
  partial: boolean,
  header: { format?: Stage; time?: Stage },
  overrides: CliOverrides,
  tap?: TapSpec,
): Compiled {
  const sources = new NodeSources(ast.source);
  // Stages are tapped as written (numbered before the options add a format or time stage).
  const stages = applyOverrides(tap ? tapStages(ast.stages, tap) : ast.stages, header, overrides, sources, bag);
  const follow = overrides.follow ?? ast.options.follow?.value ?? false;
  checkPipeline(stages, partial, sources, bag, follow);
  const output = outputSpec(ast.options, overrides, bag);
  if (output.format === 'chart' && !stages.some((st) => st.kind === 'aggregate')) {
    const src = optionSource('--output', 'chart');
    bag.error('`-o chart` draws the values of an aggregation per window, and this pipeline has none', src, { start: 0, end: 5 }, [
      'for example `| window tumbling 1m | count by route`',
    ]);
  }
  if (bag.hasErrors) throw new PipelineError(ordered(bag.items, ast.source.name));
  const plan = buildPlan({
    stages,
    originOf: (stage) => {
      const src = sources.of(stage);
      const { line, col } = positionOf(src, stage.span.start);
      return { source: src.name, line, col };
    },
    input: {
      from: overrides.from?.length ? [...overrides.from] : ast.options.from ? [...ast.options.from.value] : ['-'],
      follow,
    },
    output,
  });
  return { plan, ast, options: ast.options };
}

function outputSpec(options: FileOptions, o: CliOverrides, bag: DiagnosticBag): OutputSpec {
  const spec: OutputSpec = {};
  const to = o.to ?? options.to?.value;
  if (to !== undefined) spec.to = to;
  if (o.output !== undefined && !(OUTPUT_FORMATS as readonly string[]).includes(o.output)) {
    const src = optionSource('--output', o.output);
    const help = didYouMean(o.output, OUTPUT_FORMATS);
    bag.error(
      `unknown output format \`${o.output}\``,
      src,
      { start: 0, end: o.output.length },
      help.length ? help : [`output formats are: ${OUTPUT_FORMATS.join(', ')}`],
    );
  }
  const format = o.output ?? options.output?.value;
  if (format !== undefined) spec.format = format as OutputSpec['format'];
  if (format === 'chart' && to !== undefined) {
    const src = optionSource('--output', format);
    bag.error('`-o chart` draws on the terminal (stdout), not into --to files', src, { start: 0, end: format.length }, [
      'write the results with -o ndjson or csv to files',
    ]);
  }
  return spec;
}

/** Errors in options first, then in the pipeline's text order. */
function ordered(items: Diagnostic[], mainName: string): Diagnostic[] {
  const rank = (d: Diagnostic): number => (d.source?.name === mainName ? 1 : 0);
  return items
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || (a.d.span?.start ?? 0) - (b.d.span?.start ?? 0) || a.i - b.i)
    .map((x) => x.d);
}
