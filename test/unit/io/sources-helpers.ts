import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import type { Split } from '../../../src/io/sources/index.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A fresh temp dir holding `files` (relative path → content). */
export function makeTree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'fstream-io-'));
  roots.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return root;
}

/** Everything a split yields from `fromOffset`, as one buffer. */
export async function readSplit(split: Split, fromOffset?: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of await split.open(fromOffset)) parts.push(b);
  return Buffer.concat(parts);
}
