/*
 * Unsigned LEB128 varints for non-negative integers up to 2^53, written with arithmetic rather
 * than bit operators so values above 2^31 survive. Small counts take one byte.
 */

/** Encodes `values` (non-negative integers) as consecutive varints. */
export function encodeVarints(values: ArrayLike<number>): Uint8Array {
  let size = 0;
  for (let i = 0; i < values.length; i++) {
    let v = values[i]!;
    do {
      size++;
      v = Math.floor(v / 128);
    } while (v > 0);
  }
  const out = new Uint8Array(size);
  let p = 0;
  for (let i = 0; i < values.length; i++) {
    let v = values[i]!;
    while (v >= 128) {
      out[p++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    out[p++] = v;
  }
  return out;
}

/** Decodes consecutive varints. */
export function decodeVarints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let v = 0;
  let scale = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    v += (b & 0x7f) * scale;
    if (b < 0x80) {
      out.push(v);
      v = 0;
      scale = 1;
    } else {
      scale *= 128;
    }
  }
  return out;
}
