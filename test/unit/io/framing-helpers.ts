import type { LineChunk } from '../../../src/io/framing/index.js';
import { LineCursor, LineFramer, type FramerOptions } from '../../../src/io/framing/index.js';

/** Runs a framer over `parts` and returns every chunk. */
export function frameAll(parts: Buffer[], options: FramerOptions = {}): LineChunk[] {
  const framer = new LineFramer(options);
  const out: LineChunk[] = [];
  for (const p of parts) out.push(...framer.push(p));
  out.push(...framer.end());
  return out;
}

/** Every line of every chunk as [lineNumber, text]; oversized lines as [n, '<oversized>']. */
export function linesOf(chunks: LineChunk[]): [number, string][] {
  const out: [number, string][] = [];
  for (const c of chunks) {
    for (const o of c.oversized) out.push([o.line, '<oversized>']);
    const cur = new LineCursor(c.data);
    let n = c.firstLine;
    for (; cur.next(); n++) out.push([n, cur.text()]);
    // The chunk's own line count agrees with its lines.
    if (c.lines !== (c.oversized.length > 0 ? 1 : n - c.firstLine)) throw new Error(`chunk at line ${c.firstLine} says ${c.lines} lines`);
  }
  return out;
}

/** Cuts `buf` into pieces at the given sizes (cycled). */
export function cut(buf: Buffer, sizes: number[]): Buffer[] {
  const parts: Buffer[] = [];
  let pos = 0;
  for (let i = 0; pos < buf.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length] ?? 1);
    parts.push(buf.subarray(pos, pos + n));
    pos += n;
  }
  return parts;
}
