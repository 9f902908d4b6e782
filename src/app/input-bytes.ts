import { resolveSplits } from '../io/sources/resolve-splits.js';

/**
 * For `explain`: the bytes of `--from` when every entry is a local file read once (stdin, S3
 * and followed inputs: null, as is an input that cannot be listed — the run reports that).
 */
export async function localInputBytes(from: string[], follow: boolean): Promise<number | null> {
  if (follow || from.length === 0 || from.some((f) => f === '-' || f.startsWith('s3://'))) return null;
  try {
    const sizes = (await resolveSplits(from)).map((s) => s.size);
    return sizes.every((n) => n !== undefined) ? sizes.reduce((a, b) => a + b, 0) : null;
  } catch {
    return null;
  }
}
