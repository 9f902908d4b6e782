import { open, stat, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { openStreamFile } from './stream-file.js';
import type { Split } from './split.js';
import { autoGunzip, gunzip, isGzip, skipBytes } from './gunzip.js';
import { toInputError } from './input-error.js';

/** Read size for files: few, large buffers. */
export const FILE_READ_BYTES = 1 << 20;

/** A split over one local file. */
export interface FileSplit extends Split {
  kind: 'file';
  /** The absolute path (file identity for checkpoints is the caller's business: dev+ino). */
  path: string;
}

/**
 * A split for the file at `path`, shown as `name`. `open(fromOffset)` opens it, detects gzip by
 * its magic bytes (not its extension), and streams the (decompressed) bytes from `fromOffset`,
 * in buffers of up to 1 MiB. Open and read failures (missing, EACCES, EISDIR, bad gzip) become
 * `InputError`s naming it; for gzip, `fromOffset` counts decompressed bytes, which are skipped.
 *
 * `live`: the path is not a regular file (a FIFO, `--from <(cmd)`, a device): it is read as a
 * stream like stdin, cannot be replayed, and its lines are handed on as they arrive.
 */
export function createFileSplit(path: string, name: string = path, live = false): FileSplit {
  const abs = resolve(path);
  return {
    kind: 'file',
    name,
    path: abs,
    replayable: !live,
    async open(fromOffset = 0, signal?: AbortSignal) {
      let handle: FileHandle | undefined;
      let gz: boolean;
      try {
        const st = await stat(abs);
        if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
        if (!st.isFile()) return reportErrors(name, skipBytes(autoGunzip(await openStreamFile(abs, st, signal)), fromOffset));
        handle = await open(abs, 'r');
        const head = Buffer.alloc(2);
        const { bytesRead } = await handle.read(head, 0, 2, 0);
        gz = isGzip(head.subarray(0, bytesRead));
      } catch (err) {
        await handle?.close();
        throw toInputError(name, err);
      }
      if (gz) return reportErrors(name, skipBytes(gunzip(handle.createReadStream({ highWaterMark: FILE_READ_BYTES, signal })), fromOffset));
      return reportErrors(name, readInto(handle, fromOffset, signal));
    },
  };
}

/**
 * The bytes of a regular file from `position`, read into one reused buffer (see Split.open):
 * fresh buffers per read would pile up as garbage outside the heap (tens of MB) before the
 * main thread, which allocates little else, ever collects them.
 */
async function* readInto(handle: FileHandle, position: number, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const buf = Buffer.allocUnsafeSlow(FILE_READ_BYTES);
  try {
    while (signal?.aborted !== true) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Rethrows any error of the iteration as an `InputError` naming the input. */
export async function* reportErrors(name: string, source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const buf of source) yield buf;
  } catch (err) {
    throw toInputError(name, err);
  }
}
