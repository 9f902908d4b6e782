import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { S3_CREDENTIALS, type S3Server } from './s3.js';

/** The environment a CLI run needs to read from the test's s3rver (its account; no other AWS settings leak in). */
export function s3Env(server: S3Server): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL: server.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  };
}

/** A deterministic access-log line: event time `ts` (ms), status, route, user, bytes. */
export function accessLine(n: number, ts: number): string {
  const status = [200, 200, 200, 404, 500, 503][n % 6];
  return JSON.stringify({ ts: new Date(ts).toISOString(), status, route: `/r${n % 7}`, user: `u${(n * 7919) % 101}`, bytes: (n * 31) % 1000 });
}

/**
 * `objects` generated logs under `prefix/` — keys nested by day (`perDay` objects a day, default
 * 500) and by ten parts of it (`01/00/` to `01/09/`), every third gzip — put
 * in `bucket` and written beside as files under `dir` with the same relative paths, so a run over
 * the prefix can be compared with a run over the directory. Returns the keys in key order.
 */
export async function putLogs(
  server: S3Server,
  bucket: string,
  prefix: string,
  dir: string,
  options: { objects: number; linesPerObject: number; start?: number; perDay?: number },
): Promise<string[]> {
  const start = options.start ?? Date.UTC(2026, 10, 1);
  const entries: [string, Buffer][] = [];
  let n = 0;
  for (let i = 0; i < options.objects; i++) {
    const perDay = options.perDay ?? 500;
    const day = String(1 + Math.floor(i / perDay)).padStart(2, '0');
    const hour = String(Math.floor(i / Math.ceil(perDay / 10)) % 10).padStart(2, '0');
    const gzip = i % 3 === 2;
    const rel = `${day}/${hour}/part-${String(i).padStart(5, '0')}.ndjson${gzip ? '.gz' : ''}`;
    let text = '';
    for (let j = 0; j < options.linesPerObject; j++, n++) text += accessLine(n, start + n * 1000) + '\n';
    const body = gzip ? gzipSync(text) : Buffer.from(text);
    entries.push([`${prefix}/${rel}`, body]);
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, body);
  }
  await server.putMany(bucket, entries, 48);
  return entries.map(([k]) => k).sort();
}
