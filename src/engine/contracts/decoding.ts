import type { ByteLineDecoder, LineDecoder } from './decoder.js';

/** Makes a fresh decoder for one split; `header` is the split's csv/tsv header row, read elsewhere. */
export type DecoderFactory = (header?: string) => LineDecoder;

/** How lines become records: a string decoder, or one that reads fields from the bytes. */
export interface Decoding {
  makeDecoder: DecoderFactory;
  /** Projection push-down straight from the bytes (json with a known field list). */
  makeByteDecoder?: (() => ByteLineDecoder) | null;
  /** A pure filter: matching lines are written as they were read (see passthroughFields). */
  passthrough?: boolean;
  /**
   * The byte decoder reads the event time itself (`ByteLineDecoder.time`) for the time step,
   * which is then the chain's first link; where it gives NaN, the time is read from the record.
   */
  timeFromBytes?: boolean;
  /**
   * `--late`: renders a late event's line (and its split's header row, for csv/tsv) as the NDJSON
   * line to write; null when late events are only counted.
   */
  lateRecord?: ((line: string, header: string | undefined) => string) | null;
  /**
   * csv/tsv: the header row among a chunk's lines (the first that reads as one) with its line
   * number, when the chunk holds it; absent for formats without a header row.
   */
  headerRow?: (data: Buffer, firstLine: number) => { text: string; line: number } | undefined;
}
