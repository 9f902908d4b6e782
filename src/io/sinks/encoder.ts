import type { Rec } from '../../common/record.js';

/** The output formats of `-o, --output` (SPEC §1). */
export type OutputFormat = 'ndjson' | 'csv' | 'table';

/**
 * Turns records into output text. One encoder per output (a file, stdout): formats with a header
 * (csv, table) keep it here.
 *
 * - `encode` is called once per record, in output order, and returns the text to write now; it may
 *   return `''` and hold the record back (the table encoder waits to know its column widths).
 * - `flush` is called at every sink flush and before close, and returns the text of everything held
 *   back, so that output on a terminal or a pipe is never held longer than one batch.
 */
export interface Encoder {
  encode(rec: Rec): string;
  flush(): string;
}
