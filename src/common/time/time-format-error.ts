import { FstreamError } from '../errors.js';

/** A `--time-format` / strftime template with an unknown or unsupported directive (exit 2). */
export class TimeFormatError extends FstreamError {
  constructor(message: string) {
    super(message, 'E_TIME_FORMAT', 2);
    this.name = 'TimeFormatError';
  }
}
