import { constants, createReadStream, open, type Stats } from 'node:fs';
import { Socket } from 'node:net';
import { promisify } from 'node:util';
import { untilAborted } from './until-aborted.js';

/**
 * The bytes of a path that is not a regular file, as a stream. A FIFO is opened without blocking
 * and read through the event loop (a blocking open would hold a thread-pool thread until a
 * writer comes, and the process could not exit before); like `cat`, it ends when its writers
 * have come and gone. Other special files (`/dev/zero`, a device) are read with a read stream.
 * Both stop at once when `signal` aborts.
 */
export async function openStreamFile(path: string, st: Stats, signal?: AbortSignal): Promise<AsyncIterable<Buffer>> {
  if (st.isFIFO()) {
    // A plain descriptor, owned by the socket from here (a FileHandle would close it on GC).
    const fd = await promisify(open)(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const socket = new Socket({ fd, readable: true, writable: false });
    signal?.addEventListener('abort', () => socket.destroy(), { once: true });
    return untilAborted(socket as AsyncIterable<Buffer>, signal);
  }
  return untilAborted(createReadStream(path, { highWaterMark: 1 << 20, signal }) as AsyncIterable<Buffer>, signal);
}
