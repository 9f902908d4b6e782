import { CsvEncoder } from './csv-encoder.js';
import type { Encoder, OutputFormat } from './encoder.js';
import { NdjsonEncoder } from './ndjson-encoder.js';
import { TableEncoder } from './table-encoder.js';

/** The encoder for an output format; `color` only matters for the table. */
export function createEncoder(format: OutputFormat, opts: { color?: boolean } = {}): Encoder {
  switch (format) {
    case 'ndjson':
      return new NdjsonEncoder();
    case 'csv':
      return new CsvEncoder();
    case 'table':
      return new TableEncoder({ color: opts.color ?? false });
  }
}
