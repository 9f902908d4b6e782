import { createEncoder } from './create-encoder.js';
import type { OutputFormat } from './encoder.js';
import { EncodingSink } from './encoding-sink.js';
import { FileTarget } from './file-target.js';
import type { Sink } from '../../engine/contracts/sink.js';
import { TemplateFileSink } from './template-file-sink.js';
import { compilePathTemplate } from './path-template.js';

/**
 * The sink for one file at `path` (taken literally): creates the parent directories, truncates
 * the file and writes the records in `format` (default NDJSON; a table in a file is never
 * coloured). Errors (an unwritable path, a full disk) reject `flush` and `close` with a
 * `RuntimeError`.
 */
export function createFileSink(path: string, format: OutputFormat = 'ndjson'): Sink {
  const target = new FileTarget(path);
  return new EncodingSink(createEncoder(format, { color: false }), target.output, () => target.close());
}

/**
 * The sink for `--to` without `--state`: `to` is a path or a template (`out/{host}.ndjson`,
 * `{{`/`}}` for literal braces) that splits the records over the files it names (see
 * `TemplateFileSink`). A bad template throws a `UsageError`.
 */
export function createOutputFileSink(to: string, format: OutputFormat = 'ndjson'): Sink {
  const template = compilePathTemplate(to);
  if (template.fixed) return createFileSink(template.render({}), format);
  return new TemplateFileSink(template, format === 'csv' ? 'csv' : 'ndjson');
}
