import type { Rec } from '../../common/record.js';

/** Thrown by a decoder for a line that does not decode; the message goes into the dead-letter record. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

/**
 * Turns one line (without its line break, CR already removed) into a record.
 * One decoder is created per input split, so formats with a header row (csv, tsv) keep it here.
 *
 * - returns a record;
 * - returns `undefined` for a line that yields no record and is not an error
 *   (a csv/tsv header row, an empty line in a structured format);
 * - throws `DecodeError` for a bad line.
 */
export interface LineDecoder {
  decode(line: string): Rec | undefined;
}

export interface DecoderOptions {
  /**
   * Top-level fields the plan reads (projection push-down); null = all fields.
   * A decoder may ignore it and return every field.
   */
  fields: string[] | null;
}

/**
 * Turns the bytes of one line into a record, without making a string of the whole line.
 * `buf[start..end)` is the line without its line break (a trailing CR may already be removed).
 *
 * - returns a record, or `undefined` for a blank line (spaces, tabs, CR only);
 * - throws `DecodeError` for a bad line, with the same message as the string decoder.
 */
export interface ByteLineDecoder {
  decode(buf: Buffer, start: number, end: number): Rec | undefined;
  /**
   * With `timeField` set: the event time (epoch ms) read straight from the bytes of the last
   * decoded line's time field, or NaN when the caller must read it from the record.
   */
  readonly time: number;
}
