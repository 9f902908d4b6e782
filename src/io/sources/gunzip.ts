import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/** True when `head` starts with the gzip magic bytes 1f 8b. */
export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Decompresses a gzip byte stream; several members one after another (`cat a.gz b.gz`) come out
 * as one stream. Errors of the source or of the data are thrown from the iteration.
 */
export async function* gunzip(source: AsyncIterable<Buffer> | Readable): AsyncGenerator<Buffer> {
  const z = createGunzip({ chunkSize: 256 * 1024 });
  const input = source instanceof Readable ? source : Readable.from(source, { objectMode: false });
  const done = pipeline(input, z);
  let failure: unknown;
  done.catch((err: unknown) => {
    failure = err;
  });
  try {
    for await (const buf of z) yield buf as Buffer;
  } catch (err) {
    throw failure ?? err;
  } finally {
    if (!z.destroyed) z.destroy();
    if (!input.destroyed) input.destroy();
  }
  await done;
}

/** Skips the first `n` bytes of a byte stream. */
export async function* skipBytes(source: AsyncIterable<Buffer>, n: number): AsyncGenerator<Buffer> {
  let left = n;
  for await (const buf of source) {
    if (left >= buf.length) {
      left -= buf.length;
      continue;
    }
    yield left > 0 ? buf.subarray(left) : buf;
    left = 0;
  }
}

/**
 * Looks at the first two bytes of a stream and decompresses it when they are the gzip magic;
 * otherwise passes it on unchanged.
 */
export async function* autoGunzip(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let len = 0;
  while (len < 2) {
    const r = await it.next();
    if (r.done === true) break;
    head.push(r.value);
    len += r.value.length;
  }
  const first = Buffer.concat(head);
  async function* rest(): AsyncGenerator<Buffer> {
    let ended = len < 2;
    try {
      if (first.length > 0) yield first;
      while (!ended) {
        const r = await it.next();
        if (r.done === true) ended = true;
        else yield r.value;
      }
    } finally {
      if (!ended) await it.return?.();
    }
  }
  if (isGzip(first)) yield* gunzip(rest());
  else yield* rest();
}
