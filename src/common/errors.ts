/** Process exit codes (SPEC §7): 0 done, 1 runtime failure, 2 usage or pipeline error. */
export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/** The one error family of fstream: every error a user may see carries a code and an exit code. */
export class FstreamError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FstreamError';
  }
}

/** A bad option or command line; exit 2. */
export class UsageError extends FstreamError {
  constructor(
    message: string,
    readonly help: string[] = [],
  ) {
    super(message, 'E_USAGE', 2);
  }
}

/** A missing or unreadable input; exit 1. */
export class InputError extends FstreamError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'E_INPUT', 1, options);
  }
}

/**
 * Input whose bytes are damaged past some point (a truncated or corrupt gzip stream): what was
 * read before the damage stands, the rest of that input is reported as one bad record, and the
 * job goes on with its other inputs.
 */
export class DamagedInputError extends InputError {}

/** Anything else that stops a running job; exit 1. */
export class RuntimeError extends FstreamError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'E_RUNTIME', 1, options);
  }
}
