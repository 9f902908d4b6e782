import { InputError } from '../../errors.js';

/** An `InputError` naming the input, with a plain message for the usual errno codes. */
export function toInputError(name: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const reason =
    code === 'ENOENT' ? null
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'is a directory'
    : code?.startsWith('Z_') ? `not valid gzip data (${(err as Error).message})`
    : (err as Error | null)?.message ?? String(err);
  const message = reason === null ? `input not found: ${name}` : `cannot read ${name}: ${reason}`;
  return new InputError(message, { cause: err });
}
