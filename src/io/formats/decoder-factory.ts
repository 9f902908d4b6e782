import type { FormatSpec } from '../../dsl/plan-types.js';
import { createDecoder } from './create-decoder.js';
import { CsvDecoder } from './csv.js';
import type { LineDecoder } from './decoder.js';
import { isBlank } from './scalar.js';
import { createJsonProjector, type ByteLineDecoder, type ProjectorOptions } from './json-scan/index.js';

/**
 * Decoders for one plan, one per split. `header` is a csv/tsv split's header row when the
 * decoder will not see it itself (a worker given a later chunk of the split, a resumed job).
 */
export function decoderFactory(spec: FormatSpec, fields: string[] | null): (header?: string) => LineDecoder {
  return (header) => {
    const decoder = createDecoder(spec, { fields });
    if (header !== undefined && decoder instanceof CsvDecoder) decoder.setHeader(header);
    return decoder;
  };
}

/** True for formats whose first non-blank line is a header that every chunk of the split needs. */
export function hasHeaderRow(spec: FormatSpec): boolean {
  return spec.kind === 'csv' || spec.kind === 'tsv';
}

/**
 * The header row among the lines of a chunk starting at line `firstLine`, as the csv/tsv
 * decoder takes it: the first line that is not blank (CR removed), with its line number; or
 * undefined when every line is blank.
 */
export function headerRowOf(data: Buffer, firstLine: number): { text: string; line: number } | undefined {
  let line = firstLine;
  for (let pos = 0; pos < data.length; line++) {
    let nl = data.indexOf(10, pos);
    if (nl < 0) nl = data.length;
    const end = nl > pos && data[nl - 1] === 13 ? nl - 1 : nl;
    const text = data.toString('utf8', pos, end);
    if (!isBlank(text)) return { text, line };
    pos = nl + 1;
  }
  return undefined;
}

/**
 * A decoder that reads only the fields the plan needs straight from the line's bytes
 * (projection push-down), or null when the format has none or the plan needs every field.
 */
export function byteDecoderFactory(spec: FormatSpec, fields: string[] | null, options: ProjectorOptions = {}): (() => ByteLineDecoder) | null {
  if (spec.kind !== 'json' || fields === null) return null;
  return () => createJsonProjector(fields, options);
}
