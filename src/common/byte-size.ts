const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib|tb|tib)?$/i;
const UNIT: Record<string, number> = { b: 1, kb: 2 ** 10, kib: 2 ** 10, mb: 2 ** 20, mib: 2 ** 20, gb: 2 ** 30, gib: 2 ** 30, tb: 2 ** 40, tib: 2 ** 40 };

/**
 * A size such as `512MB`, `1.5GB`, `64mib` or `1048576` (bytes) in bytes; units are binary
 * (1MB = 2^20 bytes), case does not matter. Null for anything else.
 */
export function parseByteSize(text: string): number | null {
  const m = SIZE.exec(text.trim());
  if (m === null) return null;
  const bytes = Math.round(Number(m[1]) * UNIT[(m[2] ?? 'b').toLowerCase()]!);
  return Number.isFinite(bytes) ? bytes : null;
}

/** Bytes as a short text: `12 B`, `300.0 KiB`, `512.0 MiB`, `1.5 GiB`. */
export function formatByteSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 2 ** 20) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 2 ** 30) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  return `${(n / 2 ** 30).toFixed(1)} GiB`;
}
