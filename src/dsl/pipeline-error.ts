import { FstreamError } from '../common/errors.js';
import type { Diagnostic } from './diagnostic.js';

/** A pipeline (query or YAML) that does not compile; carries every diagnostic; exit 2. */
export class PipelineError extends FstreamError {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics[0]?.message ?? 'invalid pipeline', 'E_PIPELINE', 2);
  }
}
