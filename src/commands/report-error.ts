import { FstreamError, UsageError } from '../common/errors.js';
import { PipelineError } from '../dsl/pipeline-error.js';
import { renderDiagnostics } from '../dsl/render.js';
import { colorEnabled } from '../io/sinks/output-format.js';

/**
 * Prints an error for a user on stderr and returns the exit code. Never a stack trace for a
 * known error; an unexpected one says so plainly (set FSTREAM_DEBUG=1 for the stack).
 */
export function reportError(err: unknown): number {
  const color = colorEnabled(process.stderr, process.env);
  if (err instanceof PipelineError) {
    process.stderr.write(renderDiagnostics(err.diagnostics, { color }) + '\n');
    return err.exitCode;
  }
  if (err instanceof FstreamError) {
    const help = err instanceof UsageError ? err.help.map((h) => `  = help: ${bounded(h)}\n`).join('') : '';
    process.stderr.write(`error: ${bounded(err.message)}\n${help}`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`error: internal error: ${bounded(message)}\n`);
  if (process.env.FSTREAM_DEBUG && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
  return 1;
}

/** Messages may quote what the user wrote (a path, an argument): at most a few lines of it. */
function bounded(text: string): string {
  return text.length <= 1000 ? text : `${text.slice(0, 1000)}…`;
}
