const UNITS: [suffix: string, ms: number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/**
 * A duration for people (explain output): largest units first, zero parts left out —
 * `5m`, `1h30m`, `250ms`, `1d2h`, `1s500ms`; `0s` for zero; fractions of a ms are rounded.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  let rest = Math.round(Math.abs(ms));
  if (rest === 0) return '0s';
  let out = ms < 0 ? '-' : '';
  for (const [suffix, size] of UNITS) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      out += `${n}${suffix}`;
      rest -= n * size;
    }
  }
  return out;
}
