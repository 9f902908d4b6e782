#!/usr/bin/env node
// The second half of `npm run build`: bundles tsc's dist/ into dist/bundle/ (what bin/fstream
// runs), so that starting fstream reads a few dozen files instead of some five hundred. Packages
// stay external (loaded from node_modules, the heavy ones only when used); code reached only by
// `import()` (YAML, S3, follow mode, state, workers) stays in chunks of its own. Both entry
// points sit at the top of dist/bundle/, beside the chunks, so `new URL('./worker-entry.js',
// import.meta.url)` finds the worker's entry from any chunk.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli.js', 'dist/app/worker-entry.js'],
  outdir: 'dist/bundle',
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
