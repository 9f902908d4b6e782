import { loadPipeline } from './load-pipeline.js';
import { overridesOf, positiveInt, type RunFlags } from './options.js';

/**
 * `fstream validate (-c FILE | QUERY) [run options]`: exit 0 when the pipeline, with the options
 * that shape it, compiles as `run` would compile it (errors are thrown).
 */
export async function validateCommand(query: string | undefined, flags: RunFlags): Promise<number> {
  await loadPipeline(query, flags.config, overridesOf(flags));
  positiveInt('--parallelism', flags.parallelism);
  process.stdout.write('ok: the pipeline is valid\n');
  return 0;
}
