import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { RuntimeError } from '../../../common/errors.js';
import type { PartCommit } from './pending.js';

const COPY_BYTES = 1 << 20;

/**
 * Publishes one part, idempotently: the final file ends up exactly `base + bytes` long, with the
 * part's bytes at `base`. Already done (final at least that long): nothing. Interrupted mid-append
 * (final between `base` and `base + bytes`): cut back to `base` and append again. A new final
 * (`base` 0, absent or empty) is published by renaming the in-progress file. A final shorter than
 * `base` was changed by someone else: `RuntimeError`. The final is fsynced before returning.
 */
export function commitPart(part: PartCommit): void {
  const size = existsSync(part.final) ? statSync(part.final).size : -1;
  if (size >= part.base + part.bytes) return;
  if (size < part.base && !(size === -1 && part.base === 0)) {
    throw new RuntimeError(
      `cannot commit output to ${part.final}: it is ${Math.max(size, 0)} bytes, shorter than the ${part.base} already committed (was it changed or truncated?)`,
    );
  }
  if (!existsSync(part.file)) {
    throw new RuntimeError(
      `cannot commit output to ${part.final}: it is ${Math.max(size, 0)} bytes instead of ${part.base + part.bytes} and its staged data ${part.file} is gone (was the output changed?)`,
    );
  }
  if (part.base === 0 && size <= 0) {
    renameSync(part.file, part.final);
    fsyncDir(dirname(part.final));
    return;
  }
  const out = openSync(part.final, 'r+');
  const src = openSync(part.file, 'r');
  try {
    if (fstatSync(src).size < part.bytes) throw new RuntimeError(`cannot commit output to ${part.final}: its staged data ${part.file} is truncated`);
    ftruncateSync(out, part.base);
    const buf = Buffer.allocUnsafe(Math.min(COPY_BYTES, Math.max(part.bytes, 1)));
    for (let done = 0; done < part.bytes; ) {
      const n = readSync(src, buf, 0, Math.min(buf.length, part.bytes - done), done);
      if (n === 0) throw new RuntimeError(`cannot commit output to ${part.final}: its staged data ${part.file} ended early`);
      let w = 0;
      while (w < n) w += writeSync(out, buf, w, n - w, part.base + done + w);
      done += n;
    }
    fsyncSync(out);
  } finally {
    closeSync(src);
    closeSync(out);
  }
}

/** Makes a rename or a new file in `dir` durable. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
