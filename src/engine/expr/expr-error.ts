import { FstreamError } from '../../common/errors.js';

/**
 * An expression that cannot be compiled (unknown function, wrong number of arguments, invalid
 * regex literal). The checker reports these with spans before anything runs; this is the
 * engine's own guard, so it is a pipeline error (exit 2).
 */
export class ExprCompileError extends FstreamError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'E_EXPR', 2, options);
    this.name = 'ExprCompileError';
  }
}
