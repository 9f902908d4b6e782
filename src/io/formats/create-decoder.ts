import type { FormatSpec } from '../../plan/types.js';
import { UsageError } from '../../common/errors.js';
import { ClfDecoder } from './clf.js';
import { CsvDecoder } from './csv.js';
import type { DecoderOptions, LineDecoder } from '../../engine/contracts/decoder.js';
import { JsonDecoder } from './json-scan/json-decoder.js';
import { LinesDecoder } from './lines.js';
import { LogfmtDecoder } from './logfmt.js';
import { RegexDecoder } from './regex.js';

/**
 * A fresh decoder for one split (csv/tsv keep their header in it).
 *
 * `opts.fields` (projection push-down): `logfmt`, `csv`/`tsv` and `nginx`/`apache` then build
 * only those fields. For every line the result equals the full decode with only the requested
 * fields that are present kept, in the same key order, and a line is rejected (same DecodeError)
 * exactly when the full decode rejects it. `json` ignores it here (its projection works on bytes:
 * see `byteDecoderFactory`); `lines` and `regex` always return every field.
 * Throws `UsageError` for a `regex` spec without a valid pattern with named groups.
 */
export function createDecoder(spec: FormatSpec, opts: DecoderOptions): LineDecoder {
  const { fields } = opts;
  switch (spec.kind) {
    case 'json':
      return new JsonDecoder();
    case 'logfmt':
      return new LogfmtDecoder(fields);
    case 'csv':
    case 'tsv':
      return new CsvDecoder(spec.kind, fields);
    case 'lines':
      return new LinesDecoder();
    case 'nginx':
    case 'apache':
      return new ClfDecoder(spec.kind, fields);
    case 'regex':
      if (spec.pattern === undefined) throw new UsageError('the regex format needs a pattern');
      return new RegexDecoder(spec.pattern);
  }
}
