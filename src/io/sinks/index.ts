export type { Sink } from '../../engine/contracts/sink.js';
export type { Encoder, OutputFormat } from './encoder.js';
export { createEncoder } from './create-encoder.js';
export { NdjsonEncoder } from './ndjson-encoder.js';
export { CsvEncoder } from './csv-encoder.js';
export { TableEncoder, type TableOptions } from './table-encoder.js';
export { chooseOutputFormat, colorEnabled } from './output-format.js';
export { BufferedOutput } from './buffered-output.js';
export { createStdoutSink, type StdoutSinkOptions } from './stdout-sink.js';
export { createFileSink, createOutputFileSink } from './file-sink.js';
export {
  createDeadLetterWriter,
  type DeadLetter,
  type DeadLetterWriter,
} from './dead-letter.js';
