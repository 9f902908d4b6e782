import { loadPipeline } from './load-pipeline.js';

/** `fstream validate (-c FILE | QUERY)`: exit 0 when the pipeline compiles (errors are thrown). */
export async function validateCommand(query: string | undefined, flags: { config?: string }): Promise<number> {
  await loadPipeline(query, flags.config, {});
  process.stdout.write('ok: the pipeline is valid\n');
  return 0;
}
