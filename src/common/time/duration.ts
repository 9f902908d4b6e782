/** Durations as written in pipelines: `250ms`, `10s`, `5m`, `1h`, `1d`, and compounds like `1h30m`. */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const DURATION_HELP = 'durations are written like `250ms`, `10s`, `5m`, `1h`, `1d` or `1h30m`';

/** Milliseconds, or null when `text` is not a duration. */
export function parseDuration(text: string): number | null {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;
  let at = 0;
  let total = 0;
  if (text.length === 0) return null;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return null;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    at = re.lastIndex;
  }
  return Number.isFinite(total) ? Math.round(total) : null;
}

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
