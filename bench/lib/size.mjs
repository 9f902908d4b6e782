const MiB = 1024 * 1024;

/**
 * A size as the bench scripts take it (`200MB`, `1GB`, `50M`, `1024`; binary units): its bytes and
 * its label. `fail(message)` is called (and must not return) on anything else.
 */
export function parseSize(s, fail, examples = '200MB, 1GB') {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|K|MB|M|GB|G)?$/i.exec(s.trim());
  if (!m) fail(`bad --size ${s} (e.g. ${examples})`);
  const unit = (m[2] ?? 'B').toUpperCase()[0];
  return { bytes: Math.floor(Number(m[1]) * { B: 1, K: 1024, M: MiB, G: 1024 * MiB }[unit]), label: `${m[1]}${unit === 'B' ? 'B' : `${unit}B`}` };
}
