import { BufferedOutput } from './buffered-output.js';
import { createEncoder } from './create-encoder.js';
import type { OutputFormat } from './encoder.js';
import { EncodingSink } from './encoding-sink.js';
import { chooseOutputFormat, colorEnabled } from './output-format.js';
import type { Sink } from '../../engine/contracts/sink.js';

export interface StdoutSinkOptions {
  /** The stream to write to; default `process.stdout` (injectable for tests). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Colour for the table; default: `colorEnabled(stream, process.env)`. */
  color?: boolean;
  /** End the stream at close; default false: `process.stdout` belongs to the process. */
  end?: boolean;
  /** Characters buffered before one write; default 64 Ki. */
  bufferChars?: number;
  /** Fields that identify a result row: a table too wide for the terminal narrows them last. */
  keyColumns?: readonly string[];
}

/**
 * The sink for results on stdout. `format` is `-o` as given: when undefined it is a table on a
 * terminal and NDJSON otherwise. A reader that goes away (`| head`) sets `closed` quietly.
 * A table on a terminal is fitted to the terminal's current width; elsewhere it has no width.
 */
export function createStdoutSink(format: OutputFormat | undefined, opts: StdoutSinkOptions = {}): Sink {
  const stream = opts.stream ?? process.stdout;
  const chosen = chooseOutputFormat(format, stream.isTTY === true);
  const color = opts.color ?? colorEnabled(stream, process.env);
  const output = new BufferedOutput(stream, { name: 'stdout', bufferChars: opts.bufferChars });
  const finish = opts.end === true ? () => output.end() : () => Promise.resolve();
  const width = (): number | undefined => (stream.isTTY === true ? stream.columns : undefined);
  return new EncodingSink(createEncoder(chosen, { color, width, keyColumns: opts.keyColumns }), output, finish);
}
