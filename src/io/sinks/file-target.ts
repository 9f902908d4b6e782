import { createWriteStream, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { RuntimeError } from '../../common/errors.js';
import { BufferedOutput } from './buffered-output.js';

/**
 * The bytes of one output file. For now the file is written in place (truncated, or appended to
 * with `append`). Exactly-once output (SPEC §6) will make this two-phase: write to a staging file,
 * publish it on checkpoint commit. Callers only use `output` and `close`, so that change stays here.
 */
export class FileTarget {
  readonly output: BufferedOutput;
  private closing: Promise<void> | null = null;

  /**
   * Creates the parent directories and opens the file at once, so that an unwritable path is
   * reported before any work is done (a `RuntimeError` naming it). Write errors later (a full
   * disk) surface at the next `flush` or `close`.
   */
  constructor(
    readonly path: string,
    opts: { append?: boolean } = {},
  ) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (err) {
      throw new RuntimeError(`cannot create the directory of ${path}: ${(err as Error).message}`, {
        cause: err,
      });
    }
    let fd: number;
    try {
      fd = openSync(path, opts.append === true ? 'a' : 'w');
    } catch (err) {
      throw new RuntimeError(`cannot open ${path} for writing: ${(err as Error).message}`, {
        cause: err,
      });
    }
    const stream = createWriteStream(path, { fd });
    this.output = new BufferedOutput(stream, { name: path });
  }

  /** Writes what is buffered, then closes the file; later calls return the same promise. */
  close(): Promise<void> {
    this.closing ??= this.output.end();
    return this.closing;
  }
}
