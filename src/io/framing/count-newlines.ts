/** Number of `\n` bytes in `buf[start, end)`. */
export function countNewlines(buf: Buffer, start: number, end: number): number {
  let n = 0;
  let i = buf.indexOf(10, start);
  while (i >= 0 && i < end) {
    n++;
    i = buf.indexOf(10, i + 1);
  }
  return n;
}
