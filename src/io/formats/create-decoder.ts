import type { FormatSpec } from '../../dsl/plan-types.js';
import { UsageError } from '../../errors.js';
import { ClfDecoder } from './clf.js';
import { CsvDecoder } from './csv.js';
import type { DecoderOptions, LineDecoder } from './decoder.js';
import { JsonDecoder } from './json.js';
import { LinesDecoder } from './lines.js';
import { LogfmtDecoder } from './logfmt.js';
import { RegexDecoder } from './regex.js';

/**
 * A fresh decoder for one split (csv/tsv keep their header in it). `opts.fields` (projection
 * push-down) is accepted but not used yet: every decoder returns all fields.
 * Throws `UsageError` for a `regex` spec without a valid pattern with named groups.
 */
export function createDecoder(spec: FormatSpec, opts: DecoderOptions): LineDecoder {
  void opts;
  switch (spec.kind) {
    case 'json':
      return new JsonDecoder();
    case 'logfmt':
      return new LogfmtDecoder();
    case 'csv':
    case 'tsv':
      return new CsvDecoder(spec.kind);
    case 'lines':
      return new LinesDecoder();
    case 'nginx':
    case 'apache':
      return new ClfDecoder(spec.kind);
    case 'regex':
      if (spec.pattern === undefined) throw new UsageError('the regex format needs a pattern');
      return new RegexDecoder(spec.pattern);
  }
}
