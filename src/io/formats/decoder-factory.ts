import type { FormatSpec } from '../../plan/types.js';
import { createDecoder } from './create-decoder.js';
import { CsvDecoder } from './csv.js';
import { DecodeError, type LineDecoder } from '../../engine/contracts/decoder.js';
import { isBlank } from '../../common/is-blank.js';
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

/** The kind of a format whose header row every chunk of the split needs, or null. */
export function headerKind(spec: FormatSpec): 'csv' | 'tsv' | null {
  return spec.kind === 'csv' || spec.kind === 'tsv' ? spec.kind : null;
}

/**
 * The header row among the lines of a csv/tsv chunk starting at line `firstLine`, as the
 * decoder takes it: the first line (CR removed) that is not blank and reads as a row (a line that
 * does not is a bad record, and the next one is tried), with its line number; or undefined.
 */
export function headerRowOf(kind: 'csv' | 'tsv', data: Buffer, firstLine: number): { text: string; line: number } | undefined {
  const probe = new CsvDecoder(kind);
  let line = firstLine;
  for (let pos = 0; pos < data.length; line++) {
    let nl = data.indexOf(10, pos);
    if (nl < 0) nl = data.length;
    const end = nl > pos && data[nl - 1] === 13 ? nl - 1 : nl;
    const text = data.toString('utf8', pos, end);
    pos = nl + 1;
    if (isBlank(text)) continue;
    try {
      probe.setHeader(text);
      return { text, line };
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
    }
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
