/** What the progress display shows, sampled from a running job. */
export interface ProgressSample {
  /** Milliseconds since the job started. */
  elapsedMs: number;
  /** Bytes and records handed on so far. */
  bytes: number;
  records: number;
  bad: number;
  late: number;
}

const BAR_WIDTH = 24;

/**
 * One line of progress: for a bounded input of known size a bar with bytes read of the total, the
 * rates and an ETA; else (a followed or piped input) a status line with what was read and the
 * rates (`follows`: the status line of a followed input). Rates are over the last interval
 * (`previous` → `now`); `done` gives the final line, with the whole run's averages.
 */
export function progressLine(now: ProgressSample, previous: ProgressSample | null, totalBytes: number | null, done = false, follows = false): string {
  const dt = previous === null ? now.elapsedMs : now.elapsedMs - previous.elapsedMs;
  const since = previous ?? { bytes: 0, records: 0 };
  // The final line gives the averages of the whole run; the others the current rates.
  const span = done ? now.elapsedMs : dt;
  const bytesPerSec = span > 0 ? ((done ? now.bytes : now.bytes - since.bytes) * 1000) / span : 0;
  const recordsPerSec = span > 0 ? ((done ? now.records : now.records - since.records) * 1000) / span : 0;
  const rates = `${formatMiB(bytesPerSec)}/s · ${formatCount(recordsPerSec)} records/s`;
  const problems = `${now.late > 0 ? ` · ${formatCount(now.late)} late` : ''}${now.bad > 0 ? ` · ${formatCount(now.bad)} bad` : ''}`;
  // A gzip input is read by its content: past the (compressed) total, the bar has nothing to say.
  if (totalBytes !== null && totalBytes > 0 && now.bytes <= totalBytes) {
    const fraction = done ? 1 : now.bytes / totalBytes;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const left = bytesPerSec > 0 ? (totalBytes - now.bytes) / bytesPerSec : Number.NaN;
    const tail = done ? `in ${formatSeconds(now.elapsedMs / 1000)}` : `ETA ${Number.isFinite(left) ? formatSeconds(left) : '?'}`;
    return `${bar} ${String(Math.floor(fraction * 100)).padStart(3)}% ${formatMiB(now.bytes)} of ${formatMiB(totalBytes)} · ${rates} · ${tail}${problems}`;
  }
  const head = done
    ? `read ${formatMiB(now.bytes)} in ${formatSeconds(now.elapsedMs / 1000)}`
    : `${follows ? 'following' : 'reading'} · ${formatMiB(now.bytes)} so far`;
  return `${head} · ${formatCount(now.records)} records · ${rates}${problems}`;
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (mib >= 100) return `${mib.toFixed(0)} MiB`;
  if (mib >= 1) return `${mib.toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return `${Math.round(n)}`;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
