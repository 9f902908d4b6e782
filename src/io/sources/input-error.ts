import { DamagedInputError, InputError } from '../../common/errors.js';

/**
 * An `InputError` naming the input, with a plain message for the usual errno codes. Damaged
 * compressed data (zlib's `Z_*` errors) gives a `DamagedInputError`: the input is bad from there
 * on, but what came before it was read correctly.
 */
export function toInputError(name: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code?.startsWith('Z_')) return new DamagedInputError(`cannot read ${name}: not valid gzip data (${(err as Error).message})`, { cause: err });
  const reason =
    code === 'ENOENT'
      ? null
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : ((err as Error | null)?.message ?? String(err));
  const message = reason === null ? `input not found: ${name}` : `cannot read ${name}: ${reason}`;
  return new InputError(message, { cause: err });
}
