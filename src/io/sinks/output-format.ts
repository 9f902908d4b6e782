import type { OutputFormat } from './encoder.js';

/** `-o` when given; otherwise a table on a terminal and NDJSON anywhere else (SPEC §1). */
export function chooseOutputFormat(requested: OutputFormat | undefined, isTTY: boolean): OutputFormat {
  return requested ?? (isTTY ? 'table' : 'ndjson');
}

/**
 * Whether to colour output written to `stream`: only on a terminal, and not when `NO_COLOR` is
 * set to anything but the empty string (no-color.org), `FORCE_COLOR=0` or `TERM=dumb`.
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: Record<string, string | undefined> = process.env): boolean {
  if (stream.isTTY !== true) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  return env.TERM !== 'dumb';
}
