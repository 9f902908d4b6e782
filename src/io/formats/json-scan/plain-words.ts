/**
 * The first position at or after `i` from which the next eight bytes are not all ordinary string
 * bytes, reading `view` (over the line's buffer, same offsets) eight bytes at a time while they
 * end before `end`. A byte is special inside a JSON string when it is a quote, a backslash, a
 * control character or ≥ 0x80: such a byte sets the high bit of its lane in `v - 0x20..`,
 * `(v ^ 0x22..) - 0x01..`, `(v ^ 0x5c..) - 0x01..` or `v`, and a borrow between lanes only starts
 * at a special byte, so words without one never test positive. The caller finishes byte by byte.
 */
export function plainWords(view: DataView<ArrayBufferLike>, i: number, end: number): number {
  while (i + 8 <= end) {
    const v = view.getInt32(i, true);
    const w = view.getInt32(i + 4, true);
    const sv = (v - 0x20202020) | ((v ^ 0x22222222) - 0x01010101) | ((v ^ 0x5c5c5c5c) - 0x01010101) | v;
    const sw = (w - 0x20202020) | ((w ^ 0x22222222) - 0x01010101) | ((w ^ 0x5c5c5c5c) - 0x01010101) | w;
    if ((sv | sw) & 0x80808080) return i;
    i += 8;
  }
  return i;
}
