import { crc32 } from 'node:zlib';

/**
 * Stored values carry a CRC-32 of their key and payload in front of the payload: LMDB keeps no
 * checksums, so a flipped byte inside a value, or a value that ended up under another key,
 * would otherwise decode as a different value.
 */
const CRC_BYTES = 4;

/** `payload` prefixed with the CRC-32 of `keyText` and `payload` (a copy: payload may be reused). */
export function seal(keyText: string, payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(CRC_BYTES + payload.length);
  out.set(payload, CRC_BYTES);
  out.writeUInt32LE(crc32(payload, crc32(keyText)), 0);
  return out;
}

/** The payload of a sealed value, or null when it does not match its checksum. */
export function unseal(keyText: string, stored: Buffer): Buffer | null {
  if (stored.length < CRC_BYTES) return null;
  const payload = stored.subarray(CRC_BYTES);
  return stored.readUInt32LE(0) === crc32(payload, crc32(keyText)) ? payload : null;
}
