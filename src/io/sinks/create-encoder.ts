import { CsvEncoder } from './csv-encoder.js';
import type { Encoder, OutputFormat } from './encoder.js';
import { NdjsonEncoder } from './ndjson-encoder.js';
import { TableEncoder } from './table-encoder.js';

/** Options that only matter for the table (see TableOptions). */
export interface EncoderOptions {
  color?: boolean;
  width?: () => number | undefined;
  keyColumns?: readonly string[];
}

/** The encoder for an output format. */
export function createEncoder(format: OutputFormat, opts: EncoderOptions = {}): Encoder {
  switch (format) {
    case 'ndjson':
      return new NdjsonEncoder();
    case 'csv':
      return new CsvEncoder();
    case 'table':
      return new TableEncoder({ color: opts.color ?? false, width: opts.width, keyColumns: opts.keyColumns });
  }
}
