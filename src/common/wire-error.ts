import { DamagedInputError, FstreamError, InputError, RuntimeError, UsageError } from './errors.js';

/** An error as it crosses a thread boundary: plain data. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  exitCode?: number;
}

/** The error as data (structured clone keeps neither the class nor its fields). */
export function toWire(err: unknown): WireError {
  if (err instanceof FstreamError) return { name: err.constructor.name, message: err.message, code: err.code, exitCode: err.exitCode };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

const CLASSES: Record<string, new (message: string) => FstreamError> = {
  InputError,
  DamagedInputError,
  RuntimeError,
  UsageError: UsageError as new (message: string) => FstreamError,
};

/**
 * The error again on this side: the same class for fstream's own errors (so its exit code and
 * how it is reported stay the same); other errors become a `RuntimeError` with the message.
 */
export function fromWire(w: WireError): Error {
  const Known = CLASSES[w.name];
  if (Known) return new Known(w.message);
  if (w.code !== undefined && w.exitCode !== undefined) return new FstreamError(w.message, w.code, w.exitCode);
  return new RuntimeError(w.message);
}
