import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
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
 */
export function createFileSplit(path: string, name: string = path): FileSplit {
  const abs = resolve(path);
  return {
    kind: 'file',
    name,
    path: abs,
    replayable: true,
    async open(fromOffset = 0) {
      let handle;
      let gz: boolean;
      try {
        handle = await open(abs, 'r');
        const st = await handle.stat();
        if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
        if (!st.isFile()) {
          // A FIFO or `--from <(cmd)`: no positioned reads; read it as a stream, like stdin.
          const stream = handle.createReadStream({ highWaterMark: FILE_READ_BYTES });
          return reportErrors(name, skipBytes(autoGunzip(stream as AsyncIterable<Buffer>), fromOffset));
        }
        const head = Buffer.alloc(2);
        const { bytesRead } = await handle.read(head, 0, 2, 0);
        gz = isGzip(head.subarray(0, bytesRead));
      } catch (err) {
        await handle?.close();
        throw toInputError(name, err);
      }
      if (gz) return reportErrors(name, skipBytes(gunzip(handle.createReadStream({ highWaterMark: FILE_READ_BYTES })), fromOffset));
      return reportErrors(name, readInto(handle, fromOffset));
    },
  };
}

/**
 * The bytes of a regular file from `position`, read into one reused buffer (see Split.open):
 * fresh buffers per read would pile up as garbage outside the heap (tens of MB) before the
 * main thread, which allocates little else, ever collects them.
 */
async function* readInto(handle: FileHandle, position: number): AsyncGenerator<Buffer> {
  const buf = Buffer.allocUnsafeSlow(FILE_READ_BYTES);
  try {
    for (;;) {
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
