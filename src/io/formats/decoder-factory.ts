import type { FormatSpec } from '../../dsl/plan-types.js';
import { createDecoder } from './create-decoder.js';
import { CsvDecoder } from './csv.js';
import type { LineDecoder } from './decoder.js';
import { createJsonProjector, type ByteLineDecoder, type ProjectorOptions } from './json-scan/index.js';

/**
 * Decoders for one plan, one per split. `header` is a csv/tsv split's first line when the
 * decoder will not see line 1 itself (a worker given a later chunk of the split).
 */
export function decoderFactory(spec: FormatSpec, fields: string[] | null): (header?: string) => LineDecoder {
  return (header) => {
    const decoder = createDecoder(spec, { fields });
    if (header !== undefined && decoder instanceof CsvDecoder) decoder.setHeader(header);
    return decoder;
  };
}

/** True for formats whose first line is a header that every chunk of the split needs. */
export function hasHeaderRow(spec: FormatSpec): boolean {
  return spec.kind === 'csv' || spec.kind === 'tsv';
}

/**
 * A decoder that reads only the fields the plan needs straight from the line's bytes
 * (projection push-down), or null when the format has none or the plan needs every field.
 */
export function byteDecoderFactory(spec: FormatSpec, fields: string[] | null, options: ProjectorOptions = {}): (() => ByteLineDecoder) | null {
  if (spec.kind !== 'json' || fields === null) return null;
  return () => createJsonProjector(fields, options);
}
