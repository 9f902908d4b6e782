import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/run-cli.js';

const SRC = path.join(ROOT, 'src');

/**
 * Which folders of src/ each folder may import from: commands → app → (dsl, engine, io);
 * dsl → plan; engine → plan; io implements the engine's contracts; common is imported by all
 * and imports nothing. `engine/contracts` is the only part of the engine io may see.
 */
const ALLOWED: Record<string, string[]> = {
  common: [],
  plan: ['common'],
  dsl: ['plan', 'common'],
  engine: ['plan', 'common'],
  io: ['engine/contracts', 'plan', 'common'],
  app: ['dsl', 'engine', 'io', 'plan', 'common'],
  commands: ['app', 'dsl', 'engine', 'io', 'plan', 'common'],
  '.': ['commands', 'app', 'dsl', 'engine', 'io', 'plan', 'common'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The top folder of a path inside src/ (`engine/contracts` counts as its own). */
function layerOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  if (rel.length === 1) return '.';
  return rel[0] === 'engine' && rel[1] === 'contracts' ? 'engine/contracts' : rel[0]!;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) out.push(path.resolve(path.dirname(file), m[1]!));
  return out;
}

describe('the dependency direction of src/', () => {
  it('every import goes where its folder may go', () => {
    const wrong: string[] = [];
    for (const file of files(SRC)) {
      const from = layerOf(file);
      const own = from === 'engine/contracts' ? 'engine' : from;
      for (const target of imports(file)) {
        const to = layerOf(target);
        if (to === from || (to === 'engine/contracts' && own === 'engine')) continue;
        const allowed = ALLOWED[own]!;
        const ok = allowed.includes(to) || (to === 'engine/contracts' && allowed.includes('engine'));
        if (!ok) wrong.push(`${path.relative(SRC, file)} → ${path.relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('engine/contracts imports only other contracts and common', () => {
    const wrong: string[] = [];
    for (const file of files(path.join(SRC, 'engine/contracts'))) {
      for (const target of imports(file)) {
        const to = layerOf(target);
        if (to !== 'engine/contracts' && to !== 'common') wrong.push(`${path.relative(SRC, file)} → ${path.relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('folders', () => {
  it('import each other without cycles', () => {
    const edges = new Map<string, Set<string>>();
    for (const file of files(SRC)) {
      const from = path.relative(SRC, path.dirname(file)) || '.';
      for (const target of imports(file)) {
        const to = path.relative(SRC, path.dirname(target)) || '.';
        if (to === from) continue;
        let set = edges.get(from);
        if (!set) edges.set(from, (set = new Set()));
        set.add(to);
      }
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (node: string, trail: string[]): void => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
        return;
      }
      state.set(node, 'open');
      for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
      state.set(node, 'done');
    };
    for (const node of edges.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
