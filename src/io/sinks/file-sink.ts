import { createEncoder } from './create-encoder.js';
import type { OutputFormat } from './encoder.js';
import { EncodingSink } from './encoding-sink.js';
import { FileTarget } from './file-target.js';
import type { Sink } from './sink.js';

/**
 * The sink for `--to FILE`: creates the parent directories, truncates the file and writes the
 * records in `format` (default NDJSON; a table in a file is never coloured). Errors (an
 * unwritable path, a full disk) reject `flush` and `close` with a `RuntimeError`.
 */
export function createFileSink(path: string, format: OutputFormat = 'ndjson'): Sink {
  const target = new FileTarget(path);
  return new EncodingSink(createEncoder(format, { color: false }), target.output, () =>
    target.close(),
  );
}
